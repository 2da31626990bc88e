using System.Diagnostics;
using System.Text;

namespace Outlay.Server.IntegrationTests.Support;

/// <summary>Runs a script of <c>tests/otel-js</c> with <c>node</c> from PATH, bounded in time.</summary>
internal static class NodeScript
{
    /// <summary>The JS test folder; skips the calling test (fails it when <c>CI=true</c>) when its packages are not installed.</summary>
    public static string RequireInstalledFolder()
    {
        var folder = Path.Combine(RepositoryRoot.Find(), "tests", "otel-js");
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
        {
            var message = "the OpenTelemetry JS packages are not installed: run `npm ci --prefix tests/otel-js` from the repository root.";
            // CI installs them (.ci/run), so a missing folder there is a broken pipeline, not an optional extra.
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), message);
            Assert.Skip(message);
        }

        return folder;
    }

    /// <summary>Runs <c>node SCRIPT</c> in <paramref name="folder"/> and returns its exit code and output; kills it after <paramref name="timeout"/>.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string folder, string script, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("node", [script])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"node {script} did not exit within {timeout.TotalSeconds} s");
        }

        output.Append(await stdout).Append(await stderr);
        return (process.ExitCode, output.ToString());
    }
}
