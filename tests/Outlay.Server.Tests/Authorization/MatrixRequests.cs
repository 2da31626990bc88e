using System.Text.Json;
using Outlay.Server.Tests.Reconciliation;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Authorization;

/// <summary>
/// Valid requests for the matrix rows: route values are the own project's resources (re-created when a cell used
/// them up), bodies are ones the handler accepts, so a refusal can only come from authorization.
/// </summary>
internal static class MatrixRequests
{
    private const string SlackUrl = "https://hooks.slack.com/services/T000PLAIN/B000PLAIN/plaintextslacktokenXy9";

    /// <summary>The pattern itself as the path, no body.</summary>
    public static Func<MatrixWorld, Task<MatrixRequest>> Path(string path) => _ => Task.FromResult(new MatrixRequest(path));

    public static Func<MatrixWorld, Task<MatrixRequest>> Json(string path, string json) => _ => Task.FromResult(MatrixRequest.Json(path, json));

    public static Func<MatrixWorld, Task<MatrixRequest>> Form(string path, params (string Name, string Value)[] fields) =>
        _ => Task.FromResult(MatrixRequest.Fields(path, fields));

    public static Task<MatrixRequest> Events(MatrixWorld world) =>
        Task.FromResult(MatrixRequest.Json("/v1/events", EventJson.Batch(EventJson.Event())));

    /// <summary>An empty OTLP/JSON export: valid, and nothing to store.</summary>
    public static Func<MatrixWorld, Task<MatrixRequest>> OtlpExport(string path) => _ => Task.FromResult(MatrixRequest.Json(path, "{}"));

    public static Func<MatrixWorld, Task<MatrixRequest>> Finding(string action, string? json = null) =>
        world => Task.FromResult(new MatrixRequest($"/api/v1/findings/{world.FindingId:D}/{action}", json));

    public static Task<MatrixRequest> NewKey(MatrixWorld world) =>
        Task.FromResult(MatrixRequest.Json("/api/v1/keys", JsonSerializer.Serialize(new { kind = "read", name = "matrix" })));

    public static async Task<MatrixRequest> RevokeKey(MatrixWorld world) => new($"/api/v1/keys/{await world.TargetKeyIdAsync()}");

    public static async Task<MatrixRequest> Budget(MatrixWorld world) => new($"/api/v1/budgets/{await world.BudgetIdAsync()}");

    public static Task<MatrixRequest> NewBudget(MatrixWorld world) =>
        Task.FromResult(MatrixRequest.Json("/api/v1/budgets", """{"name":"matrix budget","amount":"5","period":"month","time_zone":"UTC"}"""));

    public static Func<MatrixWorld, Task<MatrixRequest>> Credential(string suffix) =>
        _ => Task.FromResult(new MatrixRequest($"/api/v1/credentials/{MatrixWorld.OwnLabel}{suffix}"));

    /// <summary>Retires a label without the marker: the other project's admin retires it in its own project.</summary>
    public static Task<MatrixRequest> Retire(MatrixWorld world) =>
        Task.FromResult(MatrixRequest.Json("/api/v1/credentials/matrix-retire-label/retirement", """{"note":"matrix"}"""));

    public static async Task<MatrixRequest> Unretire(MatrixWorld world) => new($"/api/v1/credentials/{await world.RetiredLabelAsync()}/retirement");

    public static Task<MatrixRequest> Reprice(MatrixWorld world) =>
        Task.FromResult(MatrixRequest.Json("/api/v1/prices/reprice", """{"from":"7d","dry_run":true}"""));

    public static Task<MatrixRequest> Import(MatrixWorld world) =>
        Task.FromResult(MatrixRequest.Json("/api/v1/provider-usage/import", UsageFiles.OpenAIPage(UsageFiles.Day, "key_matriximport", 100, 10)));

    public static Task<MatrixRequest> PutMapping(MatrixWorld world) =>
        Task.FromResult(MatrixRequest.Json("/api/v1/provider-key-mappings", """{"provider":"openai","ref":"key_matrixput","key_label":"matrix-label"}"""));

    public static async Task<MatrixRequest> DeleteMapping(MatrixWorld world) => new($"/api/v1/provider-key-mappings?provider=openai&ref={await world.MappedRefAsync()}");

    public static async Task<MatrixRequest> Channel(MatrixWorld world) => new($"/api/v1/alert-channels/{await world.ChannelIdAsync()}");

    public static async Task<MatrixRequest> TestChannel(MatrixWorld world) => new($"/api/v1/alert-channels/{await world.ChannelIdAsync()}/test");

    public static Task<MatrixRequest> NewChannel(MatrixWorld world) =>
        Task.FromResult(MatrixRequest.Json("/api/v1/alert-channels", JsonSerializer.Serialize(new { name = "matrix", kind = "slack", url = SlackUrl })));

    /// <summary>A valid key but no sign-in cookie: what a cross-site (login CSRF) post looks like.</summary>
    public static Task<MatrixRequest> SignIn(MatrixWorld world) =>
        Task.FromResult(MatrixRequest.Fields("/signin", ("key", world.KeyOf(Caller.OwnRead)), ("return", "/")));

    public static async Task<MatrixRequest> PageRevokeKey(MatrixWorld world) => MatrixRequest.Fields($"/keys/{await world.TargetKeyIdAsync()}/revoke");

    public static async Task<MatrixRequest> PageDeleteBudget(MatrixWorld world) => MatrixRequest.Fields($"/budgets/{await world.BudgetIdAsync()}/delete");

    public static async Task<MatrixRequest> PageDeleteChannel(MatrixWorld world) => MatrixRequest.Fields($"/alerts/channels/{await world.ChannelIdAsync()}/delete");

    public static async Task<MatrixRequest> PageTestChannel(MatrixWorld world) => MatrixRequest.Fields($"/alerts/channels/{await world.ChannelIdAsync()}/test");

    public static Task<MatrixRequest> PageReviewFinding(MatrixWorld world) =>
        Task.FromResult(MatrixRequest.Fields($"/security/findings/{world.FindingId:D}/acknowledge", ("return", "/security")));
}
