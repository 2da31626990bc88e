using System.Collections.Concurrent;
using System.Diagnostics;

namespace Outlay.Server.IntegrationTests.Reliability;

/// <summary>
/// One <c>outlay serve</c> child process on a fixed loopback port and a SQLite file, which a test can kill with
/// SIGKILL and start again on the same port and file. Adapted from <c>Outlay.Cli.Tests.ServeChildProcess</c>, which
/// binds port 0 (a new port per start) and cannot be referenced from here (test projects are executables).
/// </summary>
internal sealed class ServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServeProcess(Process process) => _process = process;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code; only once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>The process id, for sampling its memory from <c>/proc</c>.</summary>
    public int Id => _process.Id;

    /// <summary>Every line the server wrote to stdout and stderr so far (its console log).</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>Starts <c>outlay serve</c>; <paramref name="extraArguments"/> follow the address and store.</summary>
    public static ServeProcess Start(string storePath, Uri address, IEnumerable<string>? extraArguments = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments = [Path.Combine(AppContext.BaseDirectory, "outlay.dll"), "serve", "--urls", address.ToString().TrimEnd('/'), "--store", "sqlite:" + storePath];
        foreach (var argument in arguments.Concat(extraArguments ?? []))
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        var serve = new ServeProcess(process);
        process.OutputDataReceived += (_, e) => serve.Add(e.Data);
        process.ErrorDataReceived += (_, e) => serve.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return serve;
    }

    /// <summary>Waits (at most 60 s) until the server reports that it is listening.</summary>
    public async Task WaitUntilListeningAsync()
    {
        try
        {
            await _listening.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            Assert.Fail("outlay serve did not report that it is listening: " + string.Join(Environment.NewLine, _lines));
        }
    }

    /// <summary>SIGKILL (on Unix <see cref="Process.Kill()"/> sends it): no shutdown code runs, nothing is flushed.</summary>
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

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        if (line.Contains("listening on", StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }
    }
}
