namespace Outlay.Server.Tests.Secrets;

/// <summary>Prints a proof's figures as <c>[reliability] PROOF: …</c> to the test output and the console, as the integration proofs do, for RELIABILITY.md.</summary>
internal static class Figures
{
    public static void Print(string proof, string line)
    {
        var text = $"[reliability] {proof}: {line}";
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        Console.WriteLine(text);
    }
}
