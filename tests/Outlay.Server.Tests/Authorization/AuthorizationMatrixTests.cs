using Outlay.Server.Tests.Support;
using static Outlay.Server.Tests.Authorization.MatrixRequests;

namespace Outlay.Server.Tests.Authorization;

/// <summary>
/// Issue 8, Authorization: every endpoint the server maps × every kind of caller, with the outcome written down
/// below, checked over a real Kestrel + SQLite server. A new endpoint without a row fails the first test.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    // Columns (Caller, in order): no credential, malformed bearer, revoked own admin key, other project's ingest / read /
    // admin key, own ingest / read / admin key, own read session without / with CSRF token, own admin session without /
    // with CSRF token, other project's admin session with CSRF token. Resource ids are always the own project's.
    // S = 303 to /signin?return=…; 303 = any other redirect (a dashboard action done). GETs send no token, so the
    // with/without-CSRF session columns agree on them.
    private static readonly MatrixRow[] Rows =
    [
        //                                                                   none bad rvk  oIng oRd  oAdm ing  read adm  rS   rS+c aS   aS+c oS+c
        new("GET",    "/healthz",                                           "200  200 200  200  200  200  200  200  200  200  200  200  200  200", Path("/healthz")),
        new("GET",    "/openapi/{documentName}.json",                       "200  200 200  200  200  200  200  200  200  200  200  200  200  200", Path("/openapi/v1.json")),

        // Ingest: ingest keys only; another project's ingest key stores into its own project.
        new("POST",   "/v1/events",                                         "401  401 401  200  403  403  200  403  403  401  401  401  401  401", Events),
        new("POST",   "/v1/traces",                                         "401  401 401  200  403  403  200  403  403  401  401  401  401  401", OtlpExport("/v1/traces")),
        new("POST",   "/v1/logs",                                           "401  401 401  200  403  403  200  403  403  401  401  401  401  401", OtlpExport("/v1/logs")),

        // Reads: read or admin keys; the other project gets its own (empty) data.
        new("GET",    "/api/v1/spend",                                      "401  401 401  403  200  200  403  200  200  401  401  401  401  401", Path("/api/v1/spend?groupBy=service")),
        new("GET",    "/api/v1/findings",                                   "401  401 401  403  200  200  403  200  200  401  401  401  401  401", Path("/api/v1/findings")),
        new("GET",    "/api/v1/ingest/drops",                               "401  401 401  403  200  200  403  200  200  401  401  401  401  401", Path("/api/v1/ingest/drops")),
        new("GET",    "/api/v1/alerts",                                     "401  401 401  403  200  200  403  200  200  401  401  401  401  401", Path("/api/v1/alerts")),
        new("GET",    "/api/v1/reconciliation",                             "401  401 401  403  200  200  403  200  200  401  401  401  401  401", Path("/api/v1/reconciliation")),
        new("GET",    "/api/v1/provider-key-mappings",                      "401  401 401  403  200  200  403  200  200  401  401  401  401  401", Path("/api/v1/provider-key-mappings")),
        new("GET",    "/api/v1/credentials",                                "401  401 401  403  200  200  403  200  200  401  401  401  401  401", Path("/api/v1/credentials")),
        new("GET",    "/api/v1/budgets",                                    "401  401 401  403  200  200  403  200  200  401  401  401  401  401", Path("/api/v1/budgets")),
        new("GET",    "/api/v1/alert-channels",                             "401  401 401  403  200  200  403  200  200  401  401  401  401  401", Path("/api/v1/alert-channels")),
        new("GET",    "/api/v1/budgets/status",                             "401  401 401  200  200  200  200  200  200  401  401  401  401  401", Path("/api/v1/budgets/status")),

        // Reads of one own resource: another project's key gets 404, exactly as for a missing id.
        new("GET",    "/api/v1/budgets/{id}",                               "401  401 401  403  404  404  403  200  200  401  401  401  401  401", Budget),
        new("GET",    "/api/v1/alert-channels/{id}",                        "401  401 401  403  404  404  403  200  200  401  401  401  401  401", Channel),
        new("GET",    "/api/v1/credentials/{label}",                        "401  401 401  403  404  404  403  200  200  401  401  401  401  401", Credential(string.Empty)),
        new("GET",    "/api/v1/credentials/{label}/rotation",               "401  401 401  403  404  404  403  200  200  401  401  401  401  401", Credential("/rotation?to=matrix-new-label")),

        // Changes: admin keys only; creating acts in the caller's own project.
        new("GET",    "/api/v1/keys",                                       "401  401 401  403  403  200  403  403  200  401  401  401  401  401", Path("/api/v1/keys")),
        new("POST",   "/api/v1/keys",                                       "401  401 401  403  403  201  403  403  201  401  401  401  401  401", NewKey),
        // Server-wide, not project data: whether the answering process is the job runner. Any project's admin key.
        new("GET",    "/api/v1/jobs/runner",                                "401  401 401  403  403  200  403  403  200  401  401  401  401  401", Path("/api/v1/jobs/runner")),
        new("POST",   "/api/v1/budgets",                                    "401  401 401  403  403  201  403  403  201  401  401  401  401  401", NewBudget),
        new("POST",   "/api/v1/alert-channels",                             "401  401 401  403  403  201  403  403  201  401  401  401  401  401", NewChannel),
        new("PUT",    "/api/v1/credentials/{label}/retirement",             "401  401 401  403  403  200  403  403  200  401  401  401  401  401", Retire),
        new("PUT",    "/api/v1/provider-key-mappings",                      "401  401 401  403  403  200  403  403  200  401  401  401  401  401", PutMapping),
        new("POST",   "/api/v1/prices/reprice",                             "401  401 401  403  403  200  403  403  200  401  401  401  401  401", Reprice),
        new("POST",   "/api/v1/provider-usage/import",                      "401  401 401  403  403  200  403  403  200  401  401  401  401  401", Import),

        // Changes to one own resource: another project's admin key gets 404.
        new("DELETE", "/api/v1/keys/{id}",                                  "401  401 401  403  403  404  403  403  204  401  401  401  401  401", RevokeKey),
        new("DELETE", "/api/v1/budgets/{id}",                               "401  401 401  403  403  404  403  403  204  401  401  401  401  401", Budget),
        new("DELETE", "/api/v1/alert-channels/{id}",                        "401  401 401  403  403  404  403  403  204  401  401  401  401  401", Channel),
        new("POST",   "/api/v1/alert-channels/{id}/test",                   "401  401 401  403  403  404  403  403  202  401  401  401  401  401", TestChannel),
        new("DELETE", "/api/v1/credentials/{label}/retirement",             "401  401 401  403  403  404  403  403  204  401  401  401  401  401", Unretire),
        new("DELETE", "/api/v1/provider-key-mappings",                      "401  401 401  403  403  404  403  403  204  401  401  401  401  401", DeleteMapping),
        new("POST",   "/api/v1/findings/{id}/acknowledge",                  "401  401 401  403  403  404  403  403  200  401  401  401  401  401", Finding("acknowledge")),
        new("POST",   "/api/v1/findings/{id}/snooze",                       "401  401 401  403  403  404  403  403  200  401  401  401  401  401", Finding("snooze", """{"for":"24h"}""")),
        new("POST",   "/api/v1/findings/{id}/reopen",                       "401  401 401  403  403  404  403  403  200  401  401  401  401  401", Finding("reopen")),

        // Dashboard, public: assets and the sign-in form. A sign-in post without the form's own cookie is refused.
        new("GET",    "/assets/{name}",                                     "200  200 200  200  200  200  200  200  200  200  200  200  200  200", Path("/assets/dashboard.css")),
        new("GET",    "/favicon.ico",                                       "200  200 200  200  200  200  200  200  200  200  200  200  200  200", Path("/favicon.ico")),
        new("GET",    "/signin",                                            "200  200 200  200  200  200  200  200  200  200  200  200  200  200", Path("/signin")),
        new("POST",   "/signin",                                            "403  403 403  403  403  403  403  403  403  403  403  403  403  403", SignIn),

        // Dashboard pages: a bearer key is no session (GET goes to sign-in); any session may read its own project.
        new("GET",    "/",                                                  "S    S   S    S    S    S    S    S    S    200  200  200  200  200", Path("/")),
        new("GET",    "/explore",                                           "S    S   S    S    S    S    S    S    S    200  200  200  200  200", Path("/explore")),
        new("GET",    "/explore/export.csv",                                "S    S   S    S    S    S    S    S    S    200  200  200  200  200", Path("/explore/export.csv")),
        new("GET",    "/explore/export.json",                               "S    S   S    S    S    S    S    S    S    200  200  200  200  200", Path("/explore/export.json")),
        new("GET",    "/models",                                            "S    S   S    S    S    S    S    S    S    200  200  200  200  200", Path("/models")),
        new("GET",    "/budgets",                                           "S    S   S    S    S    S    S    S    S    200  200  200  200  200", Path("/budgets")),
        new("GET",    "/alerts",                                            "S    S   S    S    S    S    S    S    S    200  200  200  200  200", Path("/alerts")),
        new("GET",    "/security",                                          "S    S   S    S    S    S    S    S    S    200  200  200  200  200", Path("/security")),
        new("GET",    "/security/credential",                               "S    S   S    S    S    S    S    S    S    200  200  200  200  404", Path("/security/credential?label=" + MatrixWorld.OwnLabel)),
        new("GET",    "/keys",                                              "S    S   S    S    S    S    S    S    S    403  403  200  200  200", Path("/keys")),

        // Dashboard actions: a session, this origin and its CSRF token; admin sessions only; other project's ids 404.
        new("POST",   "/signout",                                           "403  403 403  403  403  403  403  403  403  403  303  403  303  303", Form("/signout")),
        new("POST",   "/keys",                                              "403  403 403  403  403  403  403  403  403  403  403  403  201  201", Form("/keys", ("kind", "read"), ("name", "matrix page"))),
        new("POST",   "/budgets",                                           "403  403 403  403  403  403  403  403  403  403  403  403  303  303", Form("/budgets", ("name", "matrix page"), ("amount", "3"), ("period", "month"), ("time_zone", "UTC"))),
        new("POST",   "/alerts/channels",                                   "403  403 403  403  403  403  403  403  403  403  403  403  201  201", Form("/alerts/channels", ("name", "matrix page"), ("kind", "webhook"), ("url", MatrixWorld.WebhookUrl), ("recipients", string.Empty))),
        new("POST",   "/keys/{keyId}/revoke",                               "403  403 403  403  403  403  403  403  403  403  403  403  303  404", PageRevokeKey),
        new("POST",   "/budgets/{id}/delete",                               "403  403 403  403  403  403  403  403  403  403  403  403  303  404", PageDeleteBudget),
        new("POST",   "/alerts/channels/{id}/delete",                       "403  403 403  403  403  403  403  403  403  403  403  403  303  404", PageDeleteChannel),
        new("POST",   "/alerts/channels/{id}/test",                         "403  403 403  403  403  403  403  403  403  403  403  403  200  404", PageTestChannel),
        new("POST",   "/security/findings/{id}/{action}",                   "403  403 403  403  403  403  403  403  403  403  403  403  303  404", PageReviewFinding),
    ];

    [Fact]
    public async Task Every_mapped_endpoint_has_exactly_one_row()
    {
        await using var server = await RunningServer.StartAsync();
        var mapped = MappedEndpoints.Read(server.App);
        var written = Rows.Select(r => r.Endpoint).ToList();

        var duplicated = written.GroupBy(e => e, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var missing = mapped.Except(written, StringComparer.Ordinal).ToList();
        var stale = written.Except(mapped, StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, "Endpoints without a matrix row (write down who may call them): " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "Matrix rows for endpoints that are no longer mapped: " + string.Join(", ", stale));
        Assert.Empty(duplicated);
        Assert.All(Rows, r => Assert.Equal(Enum.GetValues<Caller>().Length, r.Expected.Count));
    }

    [Fact]
    public async Task Every_endpoint_answers_every_caller_as_written()
    {
        await using var world = await MatrixWorld.StartAsync();
        var checker = new MatrixChecker(world);

        foreach (var row in Rows)
        {
            foreach (var (caller, expected) in row.Expected)
            {
                await checker.CheckAsync(row, caller, expected);
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"authorization matrix: {Rows.Length} endpoints x {Enum.GetValues<Caller>().Length} callers = {checker.Checked} cells checked, {checker.Deviations.Count} deviations");
        Assert.True(checker.Deviations.Count == 0, string.Join(Environment.NewLine, checker.Deviations));
    }
}
