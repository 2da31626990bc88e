using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Outlay.Server.IntegrationTests.MultiProcess;

/// <summary>
/// One <c>outlay serve</c> child process on loopback port 0 and a store given through <c>OUTLAY_STORE</c> (so a
/// PostgreSQL password stays off the command line), which a test can SIGKILL. Its address is read from its log line.
/// </summary>
internal sealed partial class ServeChild : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServeChild(Process process) => _process = process;

    public int ProcessId => _process.Id;

    /// <summary>Everything the child wrote so far.</summary>
    public string Output => string.Join(Environment.NewLine, _lines);

    public static ServeChild Start(string store, string? secretKey)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "outlay.dll"), "serve", "--urls", "http://127.0.0.1:0", "--alert-allow", "127.0.0.1" })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["OUTLAY_STORE"] = store;
        if (secretKey is not null)
        {
            info.Environment["OUTLAY_SECRET_KEY"] = secretKey;
        }

        var process = new Process { StartInfo = info };
        var child = new ServeChild(process);
        process.OutputDataReceived += (_, e) => child.Add(e.Data);
        process.ErrorDataReceived += (_, e) => child.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The address the child listens on, once it says so (at most 60 s).</summary>
    public async Task<Uri> WaitUntilListeningAsync()
    {
        try
        {
            return await _listening.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            Assert.Fail("outlay serve did not report that it is listening: " + Output);
            throw;
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, the job lock is not released by the process.</summary>
    public void KillHard()
    {
        _process.Kill();
        Assert.True(_process.WaitForExit(30_000), "the killed server did not exit");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }
}
