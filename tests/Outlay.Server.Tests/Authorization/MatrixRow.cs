namespace Outlay.Server.Tests.Authorization;

/// <summary>
/// One endpoint of the matrix: its method and route pattern as mapped, the expected outcome per <see cref="Caller"/>
/// (whitespace-separated, in enum order), and how to build a valid request for it.
/// </summary>
/// <remarks>
/// Outcome tokens: a status code (303 means a redirect that is not to sign-in), or <c>S</c> for a 303 to
/// <c>/signin?return=…</c> (a dashboard page asked for without a session).
/// </remarks>
internal sealed record MatrixRow(string Method, string Pattern, string Outcomes, Func<MatrixWorld, Task<MatrixRequest>> Build)
{
    public const string SignInRedirect = "S";

    public string Endpoint => Method + " " + Pattern;

    /// <summary>The expected outcome for each caller, checked to be exactly one per column.</summary>
    public IReadOnlyDictionary<Caller, string> Expected
    {
        get
        {
            var tokens = Outcomes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var callers = Enum.GetValues<Caller>();
            if (tokens.Length != callers.Length)
            {
                throw new InvalidOperationException($"{Endpoint}: {tokens.Length} outcomes for {callers.Length} callers.");
            }

            return callers.Zip(tokens).ToDictionary(p => p.First, p => p.Second);
        }
    }
}
