using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Outlay.Testing;

/// <summary>
/// One <c>outlay serve</c> child process on loopback, run from the test's output directory (<c>outlay.dll</c> is copied
/// there by the project reference). Everything it writes to stdout and stderr, the console log included, is collected;
/// its address is read from its "listening on" line, so port 0 works. A test can SIGKILL it and start another.
/// </summary>
internal sealed partial class ServeChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServeChildProcess(Process process) => _process = process;

    /// <summary>The process id, e.g. for sampling its memory from <c>/proc</c>.</summary>
    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code; only once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Every line written so far, stdout and stderr.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>Every line written so far, as one text.</summary>
    public string Output => string.Join(Environment.NewLine, _lines);

    /// <summary>
    /// Starts <c>outlay serve --urls ADDRESS</c> followed by <paramref name="arguments"/>. <paramref name="address"/>
    /// defaults to <c>http://127.0.0.1:0</c>; <paramref name="environment"/> adds variables such as <c>OUTLAY_STORE</c>
    /// (which keeps a PostgreSQL password off the command line).
    /// </summary>
    public static ServeChildProcess Start(IEnumerable<string> arguments, Uri? address = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var urls = address?.ToString().TrimEnd('/') ?? "http://127.0.0.1:0";
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "outlay.dll"), "serve", "--urls", urls, .. arguments])
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info };
        var serve = new ServeChildProcess(process);
        process.OutputDataReceived += (_, e) => serve.Add(e.Data);
        process.ErrorDataReceived += (_, e) => serve.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return serve;
    }

    /// <summary>The address the server listens on, once it says so (at most 60 s, else the test fails with its log).</summary>
    public async Task<Uri> WaitUntilListeningAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            return await _address.Task.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail("outlay serve did not report that it is listening: " + Output);
            throw;
        }
    }

    /// <summary>SIGKILL (on Unix <see cref="Process.Kill()"/> sends it): no shutdown code runs, nothing is flushed or released.</summary>
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
            _address.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }
}
