namespace Outlay.Sdk.Internal;

/// <summary>
/// Lets producers wake the delivery loop cheaply: the loop arms a fresh task before it waits, and a producer
/// that sees it armed completes it. A producer that finds nothing armed pays one volatile read.
/// </summary>
internal sealed class WakeSignal
{
    private TaskCompletionSource? _armed;

    /// <summary>Loop side: arms and returns the task to wait on. A full fence, so a re-check after it sees producers' writes.</summary>
    public Task Arm()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _armed, source);
        return source.Task;
    }

    /// <summary>Loop side: stops listening.</summary>
    public void Disarm() => Volatile.Write(ref _armed, null);

    /// <summary>Producer side: wakes the loop if it is waiting.</summary>
    public void Set()
    {
        if (Volatile.Read(ref _armed) is { } source && Interlocked.CompareExchange(ref _armed, null, source) == source)
        {
            source.TrySetResult();
        }
    }
}
