using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Outlay.Core.Keys;
using Outlay.Core.Storage;
using Outlay.Server.Auth;

namespace Outlay.Server.Dashboard.Sessions;

/// <summary>
/// Creates, resolves and ends dashboard sessions. A session is valid while it has not expired (absolute lifetime)
/// and the key it was signed in with still exists unrevoked; the key is read from the store on every request,
/// so revoking it (here, through the API or the CLI) ends its sessions at once.
/// </summary>
internal sealed class DashboardSessions
{
    private static readonly TimeSpan CleanupInterval = TimeSpan.FromMinutes(10);

    private readonly IOutlayStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private long _nextCleanupTicks;

    public DashboardSessions(IOutlayStore store, TimeProvider time, TimeSpan lifetime)
    {
        _store = store;
        _time = time;
        _lifetime = lifetime;
    }

    /// <summary>Starts a new session for a verified read or admin key and sets its cookie; any session the browser already had is ended.</summary>
    public async Task CreateAsync(HttpContext http, AuthenticatedKey key)
    {
        var ct = http.RequestAborted;
        await EndPresentedAsync(http).ConfigureAwait(false);

        var now = _time.GetUtcNow();
        var (sessionId, cookieValue) = SessionCookie.NewSession();
        var expires = now + _lifetime;
        await _store.AddDashboardSessionAsync(
            new DashboardSessionRecord(sessionId, SessionCookie.Hash(cookieValue), key.ProjectId, key.KeyId, key.Kind, now, expires),
            ct).ConfigureAwait(false);
        SessionCookie.Write(http, cookieValue, _lifetime);
        await CleanUpOccasionallyAsync(now, ct).ConfigureAwait(false);
    }

    /// <summary>The caller of a request with a valid session cookie, or null.</summary>
    public async Task<DashboardContext?> ResolveAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        var cookieValue = http.Request.Cookies[SessionCookie.Name(http.Request)];
        if (!SessionCookie.TryParse(cookieValue, out var sessionId, out var secret))
        {
            return null;
        }

        var session = await _store.FindDashboardSessionAsync(sessionId, ct).ConfigureAwait(false);
        if (session is null
            || !CryptographicOperations.FixedTimeEquals(SessionCookie.Hash(cookieValue!), session.SecretHash)
            || session.ExpiresAt <= _time.GetUtcNow()
            || session.Kind is not (ApiKeyKind.Read or ApiKeyKind.Admin))
        {
            return null;
        }

        var key = await _store.FindKeyAsync(session.KeyId, ct).ConfigureAwait(false);
        if (key is null || key.RevokedAt is not null || !string.Equals(key.ProjectId, session.ProjectId, StringComparison.Ordinal))
        {
            return null;
        }

        var project = await _store.GetProjectAsync(session.ProjectId, ct).ConfigureAwait(false);
        if (project is null)
        {
            return null;
        }

        var csrf = SessionCookie.CsrfToken(secret);
        CryptographicOperations.ZeroMemory(secret);
        return new DashboardContext(session.SessionId, session.ProjectId, project.Name, session.KeyId, session.Kind, csrf, DashboardTimeZone.Resolve(http));
    }

    /// <summary>Ends the session server-side and expires its cookie (sign-out).</summary>
    public async Task EndAsync(HttpContext http, DashboardContext caller)
    {
        await _store.DeleteDashboardSessionAsync(caller.SessionId, http.RequestAborted).ConfigureAwait(false);
        SessionCookie.Expire(http);
    }

    // A browser signing in again gets a new id (no fixation); the session it had is removed, not left to expire.
    private async Task EndPresentedAsync(HttpContext http)
    {
        var cookieValue = http.Request.Cookies[SessionCookie.Name(http.Request)];
        if (!SessionCookie.TryParse(cookieValue, out var sessionId, out var secret))
        {
            return;
        }

        CryptographicOperations.ZeroMemory(secret);
        var session = await _store.FindDashboardSessionAsync(sessionId, http.RequestAborted).ConfigureAwait(false);
        if (session is not null && CryptographicOperations.FixedTimeEquals(SessionCookie.Hash(cookieValue!), session.SecretHash))
        {
            await _store.DeleteDashboardSessionAsync(sessionId, http.RequestAborted).ConfigureAwait(false);
        }
    }

    private async Task CleanUpOccasionallyAsync(DateTimeOffset now, CancellationToken ct)
    {
        var next = Interlocked.Read(ref _nextCleanupTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextCleanupTicks, (now + CleanupInterval).UtcTicks, next) != next)
        {
            return;
        }

        await _store.DeleteExpiredDashboardSessionsAsync(now, ct).ConfigureAwait(false);
    }
}
