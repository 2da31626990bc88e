using System.Globalization;

namespace Outlay.Server.Tests.Authorization;

/// <summary>
/// Runs one cell of the matrix and records a deviation when the status differs from the written outcome, when a
/// caller outside the own project is shown own data (<see cref="MatrixWorld.Marker"/> it did not send itself), or
/// when anything answers 5xx, or when a refused (401/403/404) unsafe request changed what either project stores.
/// </summary>
internal sealed class MatrixChecker
{
    private const int MaxBodyInReport = 300;

    private readonly MatrixWorld _world;
    private readonly List<string> _deviations = [];

    public MatrixChecker(MatrixWorld world) => _world = world;

    public int Checked { get; private set; }

    public IReadOnlyList<string> Deviations => _deviations;

    public async Task CheckAsync(MatrixRow row, Caller caller, string expected)
    {
        var request = await row.Build(_world);
        var unsafeMethod = row.Method is not ("GET" or "HEAD");
        var before = unsafeMethod ? await ReadStateAsync() : null;
        using var response = await _world.SendAsync(row.Method, request, caller);
        Checked++;
        var status = (int)response.StatusCode;
        var location = response.Headers.Location?.OriginalString ?? string.Empty;
        var toSignIn = status == 303 && location.StartsWith("/signin?", StringComparison.Ordinal);
        var actual = toSignIn ? MatrixRow.SignInRedirect : status.ToString(CultureInfo.InvariantCulture);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        if (actual != expected)
        {
            Report(row, caller, request, $"expected {expected}, got {actual}{(status == 303 ? " to " + location : string.Empty)}", body);
        }

        var refused = status is 401 or 403 or 404;
        if (before is not null && refused)
        {
            var after = await ReadStateAsync();
            if (after != before)
            {
                Report(row, caller, request, $"refused with {actual} but changed stored data: before [{before}] after [{after}]", body);
            }
        }

        if (IsOutsider(caller)
            && !request.Text.Contains(MatrixWorld.Marker, StringComparison.Ordinal)
            && (body.Contains(MatrixWorld.Marker, StringComparison.Ordinal) || location.Contains(MatrixWorld.Marker, StringComparison.Ordinal)))
        {
            Report(row, caller, request, $"answered {actual} showing the own project's data", body);
        }
    }

    /// <summary>Both projects' fingerprints: a refusal must change neither the target's data nor the caller's.</summary>
    private async Task<string> ReadStateAsync() =>
        await ProjectState.ReadAsync(_world.Server.App.Store, _world.OwnProject, _world.FindingId)
        + " | " + await ProjectState.ReadAsync(_world.Server.App.Store, _world.OtherProject, null);

    private static bool IsOutsider(Caller caller) => caller is Caller.None or Caller.MalformedBearer or Caller.RevokedAdmin
        or Caller.OtherIngest or Caller.OtherRead or Caller.OtherAdmin or Caller.OtherAdminSessionCsrf;

    private void Report(MatrixRow row, Caller caller, MatrixRequest request, string what, string body)
    {
        var shown = body.Length > MaxBodyInReport ? body[..MaxBodyInReport] + "…" : body;
        _deviations.Add($"{row.Endpoint} ({row.Method} {request.Path}) as {caller}: {what}: {shown.ReplaceLineEndings(" ")}");
    }
}
