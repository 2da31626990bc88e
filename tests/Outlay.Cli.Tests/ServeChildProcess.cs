using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Outlay.Cli.Tests;

/// <summary>
/// One <c>outlay serve</c> child process on a free loopback port; everything it writes to stdout and stderr (the
/// console log included) is collected.
/// </summary>
internal sealed partial class ServeChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServeChildProcess(Process process) => _process = process;

    /// <summary>Every line written so far, stdout and stderr.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>Starts <c>outlay serve --store STORE</c>.</summary>
    public static ServeChildProcess Start(string storeSpec) => Start(["--store", storeSpec], environment: null);

    /// <summary>Starts <c>outlay serve</c> with the store given only through <c>OUTLAY_STORE</c>.</summary>
    public static ServeChildProcess StartWithEnvironmentStore(string storeSpec) =>
        Start([], new Dictionary<string, string> { ["OUTLAY_STORE"] = storeSpec });

    private static ServeChildProcess Start(string[] arguments, Dictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "outlay.dll"), "serve", "--urls", "http://127.0.0.1:0", .. arguments])
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? [])
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

    public async Task<Uri> AddressAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            return await _address.Task.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail("outlay serve did not report its address: " + string.Join(Environment.NewLine, _lines));
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
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
