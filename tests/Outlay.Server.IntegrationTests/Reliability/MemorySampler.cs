namespace Outlay.Server.IntegrationTests.Reliability;

/// <summary>Samples a child process's RSS on a fixed interval, each sample tagged with the phase the test is in.</summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly int _processId;
    private readonly Lock _gate = new();
    private readonly List<(string Phase, long Bytes)> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private string _phase = "start";

    public MemorySampler(int processId, TimeSpan interval)
    {
        _processId = processId;
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                if (ProcessMemory.ResidentBytes(_processId) is { } bytes)
                {
                    lock (_gate)
                    {
                        _samples.Add((_phase, bytes));
                    }
                }

                try
                {
                    await Task.Delay(interval, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }, CancellationToken.None);
    }

    /// <summary>Tags the samples from now on.</summary>
    public string Phase
    {
        set
        {
            lock (_gate)
            {
                _phase = value;
            }
        }
    }

    /// <summary>The RSS samples of one phase, in order.</summary>
    public IReadOnlyList<long> Of(string phase)
    {
        lock (_gate)
        {
            return [.. _samples.Where(s => s.Phase == phase).Select(s => s.Bytes)];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
