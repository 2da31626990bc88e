namespace Outlay.Server.Background;

/// <summary>The loop of the server's background workers: run at once, then on every tick, surviving a failed run.</summary>
internal static class PeriodicLoop
{
    /// <summary>
    /// Runs <paramref name="run"/> now and then every <paramref name="interval"/> on <paramref name="time"/> until
    /// <paramref name="stoppingToken"/> fires. A run that throws is reported to <paramref name="failed"/> and the next
    /// tick runs again: one bad pass must not stop alerting for the life of the process.
    /// </summary>
    public static async Task RunAsync(TimeSpan interval, TimeProvider time, Func<DateTimeOffset, CancellationToken, Task> run, Action<Exception> failed, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await run(time.GetUtcNow(), stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
