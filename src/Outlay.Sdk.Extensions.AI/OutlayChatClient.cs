using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Outlay.Sdk.Extensions.AI;

/// <summary>
/// Records an Outlay usage event after each chat call: provider, model, token counts, service tier, latency,
/// status and tags. It reads <see cref="ChatResponse.Usage"/>, model ids and metadata only, never message contents.
/// </summary>
internal sealed class OutlayChatClient : DelegatingChatClient
{
    private const string Operation = "chat";

    private readonly UsageRecorder _recorder;
    private readonly BudgetGate? _budgetGate;

    public OutlayChatClient(IChatClient innerClient, OutlayClient outlay, OutlayChatOptions options)
        : base(innerClient)
    {
        _recorder = new UsageRecorder(outlay, options);
        _budgetGate = BudgetGate.For(outlay, options);
    }

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = _recorder.Begin(Operation, options?.ModelId, options?.AdditionalProperties);
        EnforceBudgets(call);
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(messages, WithoutOutlayKeys(options), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Record(call, CallStatus.Of(exception, cancellationToken));
            throw;
        }

        call.ResponseModel = response.ModelId;
        call.Usage = response.Usage;
        call.ServiceTier = ServiceTierReader.Read(response.AdditionalProperties);
        Record(call, CallStatus.Ok);
        return response;
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Begun here rather than in the iterator, so the ambient tags are those of the caller creating the stream
        // even when it is enumerated elsewhere.
        var call = _recorder.Begin(Operation, options?.ModelId, options?.AdditionalProperties);

        // Checked here, not in the iterator: the refusal reaches the caller before any stream exists.
        EnforceBudgets(call);
        return StreamAsync(messages, options, call, cancellationToken);
    }

    private async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, CallRecord call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Anything but reaching the end or an error counts as cancelled: the caller's token, or the caller
        // stopping the enumeration early (the finally runs when the enumerator is disposed).
        var status = CallStatus.Cancelled;
        IAsyncEnumerator<ChatResponseUpdate>? updates = null;
        try
        {
            try
            {
                updates = base.GetStreamingResponseAsync(messages, WithoutOutlayKeys(options), cancellationToken)
                    .GetAsyncEnumerator(cancellationToken);
            }
            catch (Exception exception)
            {
                status = CallStatus.Of(exception, cancellationToken);
                throw;
            }

            while (true)
            {
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        status = CallStatus.Ok;
                        break;
                    }
                }
                catch (Exception exception)
                {
                    status = CallStatus.Of(exception, cancellationToken);
                    throw;
                }

                var update = updates.Current;
                StreamingUsageAccumulator.Observe(update, call);
                yield return update;
            }
        }
        finally
        {
            try
            {
                if (updates is not null)
                {
                    await updates.DisposeAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                Record(call, status);
            }
        }
    }

    private static ChatOptions? WithoutOutlayKeys(ChatOptions? options)
    {
        if (options is null)
        {
            return null;
        }

        var forwarded = CallTags.WithoutOutlayKeys(options.AdditionalProperties);
        if (ReferenceEquals(forwarded, options.AdditionalProperties))
        {
            return options;
        }

        // A clone, so the caller's options keep their tags for the next call.
        var clone = options.Clone();
        clone.AdditionalProperties = forwarded;
        return clone;
    }

    private void EnforceBudgets(CallRecord call)
    {
        if (_budgetGate is null)
        {
            return;
        }

        var metadata = Metadata();
        _budgetGate.Enforce(call, metadata?.ProviderName, metadata?.ProviderUri, metadata?.DefaultModelId);
    }

    private void Record(CallRecord call, string status)
    {
        var metadata = Metadata();
        _recorder.Record(call, status, metadata?.ProviderName, metadata?.ProviderUri, metadata?.DefaultModelId);
    }

    private ChatClientMetadata? Metadata()
    {
        try
        {
            return InnerClient.GetService<ChatClientMetadata>();
        }
#pragma warning disable CA1031 // A failing GetService only costs the provider name; the call's own result stands.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }
}
