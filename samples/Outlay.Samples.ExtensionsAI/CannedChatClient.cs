using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Outlay.Samples.ExtensionsAI;

/// <summary>
/// Stands in for a real provider client (for example <c>new OpenAIClient(key).GetChatClient("gpt-4o-mini").AsIChatClient()</c>)
/// so the sample needs no network or provider key. It answers with canned text and the usage a provider would report.
/// </summary>
internal sealed class CannedChatClient : IChatClient
{
    private static readonly ChatClientMetadata Metadata = new("openai", new Uri("https://api.openai.com/v1"), "gpt-4o-mini");

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "A short summary."))
        {
            ModelId = "gpt-4o-mini-2024-07-18",
            Usage = new UsageDetails { InputTokenCount = 1_850, OutputTokenCount = 120, CachedInputTokenCount = 1_536 },
        });

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var word in new[] { "Streaming ", "works ", "too." })
        {
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            yield return new ChatResponseUpdate(ChatRole.Assistant, word) { ModelId = "gpt-4o-mini-2024-07-18" };
        }

        // OpenAI-style streams end with a usage-only update.
        yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(new UsageDetails { InputTokenCount = 400, OutputTokenCount = 3 })]);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? Metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }
}
