using Outlay.Core.Keys;

namespace Outlay.Core.Storage;

/// <summary>
/// A signed-in dashboard session. The browser holds <c>{SessionId}.{secret}</c> in an HttpOnly cookie; the store keeps
/// only the SHA-256 of the whole cookie value, so reading the database does not yield a usable session.
/// </summary>
/// <param name="SessionId">Public lookup identifier (the part of the cookie before the dot).</param>
/// <param name="SecretHash">SHA-256 of the full cookie value; compared in constant time.</param>
/// <param name="ProjectId">The project the session may see.</param>
/// <param name="KeyId">The read or admin key signed in with; revoking it ends the session.</param>
/// <param name="Kind">The kind of that key (read or admin), which decides what the session may do.</param>
/// <param name="CreatedAt">When the session was created.</param>
/// <param name="ExpiresAt">When it stops being valid, whatever happens.</param>
public sealed record DashboardSessionRecord(
    string SessionId,
    byte[] SecretHash,
    string ProjectId,
    string KeyId,
    ApiKeyKind Kind,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt);
