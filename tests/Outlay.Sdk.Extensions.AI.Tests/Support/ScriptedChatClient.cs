using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Outlay.Sdk.Extensions.AI.Tests.Support;

/// <summary>A provider stand-in: returns scripted responses and streams, and remembers the options it was given.</summary>
internal sealed class ScriptedChatClient(ChatClientMetadata? metadata = null) : IChatClient
{
    public Func<CancellationToken, Task<ChatResponse>> Respond { get; set; } =
        _ => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")));

    public IReadOnlyList<ChatResponseUpdate> StreamUpdates { get; set; } = [];

    /// <summary>Thrown by the stream after all <see cref="StreamUpdates"/>, when set.</summary>
    public Exception? StreamFailure { get; set; }

    public List<ChatOptions?> ReceivedOptions { get; } = [];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ReceivedOptions.Add(options);
        return Respond(cancellationToken);
    }

    /// <summary>Thrown by <see cref="GetStreamingResponseAsync"/> itself, before any enumeration, when set.</summary>
    public Exception? StreamStartFailure { get; set; }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ReceivedOptions.Add(options);
        return StreamStartFailure is null ? StreamAsync(cancellationToken) : throw StreamStartFailure;
    }

    private async IAsyncEnumerable<ChatResponseUpdate> StreamAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var update in StreamUpdates)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return update;
        }

        if (StreamFailure is not null)
        {
            throw StreamFailure;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }
}
