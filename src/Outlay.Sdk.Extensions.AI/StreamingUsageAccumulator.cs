using Microsoft.Extensions.AI;

namespace Outlay.Sdk.Extensions.AI;

/// <summary>
/// Collects usage metadata from streaming updates the way <c>ToChatResponse</c> does: usage contents are summed,
/// the last model id and service tier seen win. Text and other contents are never read.
/// </summary>
internal static class StreamingUsageAccumulator
{
    public static void Observe(ChatResponseUpdate update, CallRecord call)
    {
        if (!string.IsNullOrEmpty(update.ModelId))
        {
            call.ResponseModel = update.ModelId;
        }

        if (ServiceTierReader.Read(update.AdditionalProperties) is { } tier)
        {
            call.ServiceTier = tier;
        }

        foreach (var content in update.Contents)
        {
            if (content is UsageContent { Details: { } details })
            {
                // A fresh instance: Add mutates, and the adapter's object belongs to the caller's update.
                (call.Usage ??= new UsageDetails()).Add(details);
            }
        }
    }
}
