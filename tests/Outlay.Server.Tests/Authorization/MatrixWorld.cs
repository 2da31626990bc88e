using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Outlay.Core.Keys;
using Outlay.Server.Tests.Credentials;
using Outlay.Server.Tests.Findings;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Authorization;

/// <summary>
/// A real server (Kestrel on loopback, SQLite in a temp dir) with two projects: "own", whose data every request
/// targets, and "other". Own data carries <see cref="Marker"/> in every name, so any answer to a caller outside the
/// own project that contains it is a leak. Resource ids are re-created whenever a cell consumed them.
/// </summary>
internal sealed class MatrixWorld : IAsyncDisposable
{
    /// <summary>In every name, label and id text of the own project's data.</summary>
    public const string Marker = "alphamarker";

    public const string OwnLabel = Marker + "-label";
    public const string RetiredLabel = Marker + "-retired";
    public const string MappedRef = "key_" + Marker + "del";
    public const string WebhookUrl = "https://alerts.example.com/plainhookpath/receive";

    private readonly Dictionary<Caller, string> _keys = [];
    private readonly Dictionary<Caller, (string Cookie, string Csrf)> _sessions = [];
    private readonly HttpClientHandler _handler = new() { UseCookies = false, AllowAutoRedirect = false };
    private readonly HttpClient _http;
    private string? _budgetId;
    private string? _channelId;
    private string? _targetKeyId;
    private int _created;

    private MatrixWorld(RunningServer server, string ownProject, string otherProject)
    {
        Server = server;
        OwnProject = ownProject;
        OtherProject = otherProject;
        _http = new HttpClient(_handler) { BaseAddress = server.BaseAddress };
    }

    public RunningServer Server { get; }

    public string OwnProject { get; }

    public string OtherProject { get; }

    /// <summary>An own-project finding (a spend spike on <see cref="OwnLabel"/>).</summary>
    public Guid FindingId { get; private set; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<MatrixWorld> StartAsync()
    {
        var server = await RunningServer.StartAsync(o =>
        {
            o.AlertDeliveryInterval = TimeSpan.FromHours(1);
            o.BudgetAlertInterval = TimeSpan.FromHours(1);
            o.DetectionInterval = TimeSpan.Zero;
        });
        var world = new MatrixWorld(server, await server.CreateProjectAsync("authz-own"), await server.CreateProjectAsync("authz-other"));
        await world.SeedAsync();
        return world;
    }

    /// <summary>The key text a bearer column sends.</summary>
    public string KeyOf(Caller caller) => _keys[caller];

    /// <summary>A fresh name with the marker, so every created own resource is recognisable.</summary>
    public string NewName(string what) => $"{Marker} {what} {Interlocked.Increment(ref _created)}";

    /// <summary>An own budget id that exists now.</summary>
    public async Task<string> BudgetIdAsync()
    {
        if (_budgetId is null || await Server.App.Store.GetBudgetAsync(OwnProject, _budgetId, Ct) is null)
        {
            var json = $$"""{"name":"{{NewName("budget")}}","amount":"100","period":"month","time_zone":"UTC"}""";
            _budgetId = (await AdminJsonAsync(HttpMethod.Post, "/api/v1/budgets", json, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        }

        return _budgetId;
    }

    /// <summary>An own alert channel id that exists now.</summary>
    public async Task<string> ChannelIdAsync()
    {
        if (_channelId is null || await Server.App.Store.GetAlertChannelAsync(OwnProject, _channelId, Ct) is null)
        {
            var json = JsonSerializer.Serialize(new { name = NewName("channel"), kind = "webhook", url = WebhookUrl });
            var created = await AdminJsonAsync(HttpMethod.Post, "/api/v1/alert-channels", json, HttpStatusCode.Created);
            _channelId = created.GetProperty("channel").GetProperty("id").GetString()!;
        }

        return _channelId;
    }

    /// <summary>The id of an own read key that is not revoked (a target for revocation, never a caller's key).</summary>
    public async Task<string> TargetKeyIdAsync()
    {
        if (_targetKeyId is null || (await Server.App.Store.FindKeyAsync(_targetKeyId, Ct))?.RevokedAt is not null)
        {
            var text = await AddKeyAsync(OwnProject, ApiKeyKind.Read, NewName("revocation target"));
            Assert.True(ApiKeyText.TryParse(text, out _, out var id));
            _targetKeyId = id;
        }

        return _targetKeyId;
    }

    /// <summary>Makes sure <see cref="RetiredLabel"/> is retired in the own project.</summary>
    public async Task<string> RetiredLabelAsync()
    {
        var retirements = await Server.App.Store.ListCredentialRetirementsAsync(OwnProject, Ct);
        if (!retirements.Any(r => r.KeyLabel == RetiredLabel))
        {
            await AdminJsonAsync(HttpMethod.Put, $"/api/v1/credentials/{RetiredLabel}/retirement", $$"""{"note":"{{Marker}} retired"}""", HttpStatusCode.OK);
        }

        return RetiredLabel;
    }

    /// <summary>Makes sure the own project maps <see cref="MappedRef"/> (openai) to <see cref="OwnLabel"/>.</summary>
    public async Task<string> MappedRefAsync()
    {
        var mappings = await Server.App.Store.ListProviderKeyMappingsAsync(OwnProject, Ct);
        if (!mappings.Any(m => m.ProviderRef == MappedRef))
        {
            await AdminJsonAsync(HttpMethod.Put, "/api/v1/provider-key-mappings", $$"""{"provider":"openai","ref":"{{MappedRef}}","key_label":"{{OwnLabel}}"}""", HttpStatusCode.OK);
        }

        return MappedRef;
    }

    /// <summary>Sends <paramref name="request"/> as <paramref name="caller"/>; the answer's body is buffered.</summary>
    public async Task<HttpResponseMessage> SendAsync(string method, MatrixRequest request, Caller caller)
    {
        using var message = new HttpRequestMessage(new HttpMethod(method), request.Path);
        var form = request.Form?.ToList();
        switch (caller)
        {
            case Caller.None:
                break;
            case Caller.MalformedBearer:
                message.Headers.TryAddWithoutValidation("Authorization", "Bearer olk_admin_not-a-key!");
                break;
            case Caller.ReadSession or Caller.ReadSessionCsrf or Caller.AdminSession or Caller.AdminSessionCsrf or Caller.OtherAdminSessionCsrf:
                var (cookie, csrf) = await SessionAsync(caller);
                message.Headers.Add("Cookie", "outlay_session=" + cookie);
                if (caller is Caller.ReadSessionCsrf or Caller.AdminSessionCsrf or Caller.OtherAdminSessionCsrf && method is not ("GET" or "HEAD"))
                {
                    // Forms carry the token as the dashboard does; the JSON API has no cookie auth, so a header is all it could read.
                    form?.Add(KeyValuePair.Create("_csrf", csrf));
                    message.Headers.Add("X-CSRF-Token", csrf);
                }

                break;
            default:
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _keys[caller]);
                break;
        }

        if (form is not null)
        {
            message.Content = new FormUrlEncodedContent(form);
        }
        else if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8, request.MediaType);
        }

        var response = await _http.SendAsync(message, Ct);
        await response.Content.LoadIntoBufferAsync(Ct);
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("outlay_session=;", StringComparison.Ordinal)))
        {
            _sessions.Remove(caller); // Signed out: the next cell signs in again.
        }

        return response;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        _handler.Dispose();
        await Server.DisposeAsync();
    }

    private async Task SeedAsync()
    {
        foreach (var (caller, project, kind) in new[]
        {
            (Caller.OwnIngest, OwnProject, ApiKeyKind.Ingest), (Caller.OwnRead, OwnProject, ApiKeyKind.Read), (Caller.OwnAdmin, OwnProject, ApiKeyKind.Admin),
            (Caller.OtherIngest, OtherProject, ApiKeyKind.Ingest), (Caller.OtherRead, OtherProject, ApiKeyKind.Read), (Caller.OtherAdmin, OtherProject, ApiKeyKind.Admin),
            (Caller.RevokedAdmin, OwnProject, ApiKeyKind.Admin),
        })
        {
            _keys[caller] = await AddKeyAsync(project, kind, project == OwnProject ? NewName(kind.ToString()) : "other " + kind);
        }

        Assert.True(ApiKeyText.TryParse(_keys[Caller.RevokedAdmin], out _, out var revokedId));
        await Server.App.Store.RevokeKeyAsync(revokedId, DateTimeOffset.UtcNow, Ct);

        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        var batch = EventJson.Batch(CredentialEventJson.Event(OwnLabel, Marker + "-service", "prod", Marker + "-instance", at));
        await ApiJson.ExpectAsync(await Server.PostEventsAsync(_keys[Caller.OwnIngest], batch), HttpStatusCode.OK);
        FindingId = (await FindingSeed.RecordAsync(Server.App.Store, FindingSeed.Spike(OwnProject, at, OwnLabel))).Id;
        await BudgetIdAsync();
        await ChannelIdAsync();
        await RetiredLabelAsync();
        await MappedRefAsync();
    }

    private async Task<string> AddKeyAsync(string project, ApiKeyKind kind, string name)
    {
        var (text, record) = ApiKeyFactory.Create(kind, project, [], name, DateTimeOffset.UtcNow);
        await Server.App.Store.AddKeyAsync(record, Ct);
        return text;
    }

    private async Task<JsonElement> AdminJsonAsync(HttpMethod method, string path, string json, HttpStatusCode expected) =>
        await ApiJson.ExpectAsync(
            await Server.SendAsync(method, path, _keys[Caller.OwnAdmin], new StringContent(json, Encoding.UTF8, "application/json")),
            expected);

    private async Task<(string Cookie, string Csrf)> SessionAsync(Caller caller)
    {
        if (!_sessions.TryGetValue(caller, out var session))
        {
            var key = caller switch
            {
                Caller.ReadSession or Caller.ReadSessionCsrf => _keys[Caller.OwnRead],
                Caller.AdminSession or Caller.AdminSessionCsrf => _keys[Caller.OwnAdmin],
                _ => _keys[Caller.OtherAdmin],
            };
            using var browser = new DashboardBrowser(Server);
            await browser.SignInOrFailAsync(key);
            await browser.GetHtmlAsync("/models");
            session = (browser.SessionCookie!, browser.CsrfToken!);
            _sessions[caller] = session;
        }

        return session;
    }
}
