namespace Outlay.Server.IntegrationTests.Reliability;

/// <summary>
/// Prints a proof's measured figures where CI logs show them: the test's output (in the test results) and the
/// console, prefixed with the proof's name so a log search finds every row for RELIABILITY.md.
/// </summary>
internal static class Figures
{
    public static void Print(string proof, string line)
    {
        var text = $"[reliability] {proof}: {line}";
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        Console.WriteLine(text);
    }
}
