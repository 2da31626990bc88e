using System.Text.Json;
using Outlay.Core.Events;

namespace Outlay.Core.Providers;

/// <summary>
/// The Anthropic usage counts seen so far. A stream repeats some counts across events, so each merge keeps
/// the latest non-null value of every field (output is cumulative: the latest value is the total, never a sum).
/// </summary>
internal sealed class AnthropicUsageFields
{
    private long? input;
    private long? output;
    private long? cacheRead;
    private long? cacheCreation;
    private long? creation5m;
    private long? creation1h;
    private long? thinking;

    public bool HasUsage { get; private set; }

    public string? ServiceTier { get; private set; }

    public void Merge(JsonElement usage)
    {
        if (usage.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        HasUsage = true;
        input = UsageJson.Count(usage, "input_tokens") ?? input;
        output = UsageJson.Count(usage, "output_tokens") ?? output;
        cacheRead = UsageJson.Count(usage, "cache_read_input_tokens") ?? cacheRead;
        cacheCreation = UsageJson.Count(usage, "cache_creation_input_tokens") ?? cacheCreation;
        if (UsageJson.TryObject(usage, "cache_creation", out var split))
        {
            creation5m = UsageJson.Count(split, "ephemeral_5m_input_tokens") ?? creation5m;
            creation1h = UsageJson.Count(split, "ephemeral_1h_input_tokens") ?? creation1h;
        }

        if (UsageJson.TryObject(usage, "output_tokens_details", out var outputDetails))
        {
            thinking = UsageJson.Count(outputDetails, "thinking_tokens") ?? thinking;
        }

        ServiceTier = UsageJson.Text(usage, "service_tier") ?? ServiceTier;
    }

    /// <summary>
    /// Total input = input + cache reads + cache creation. The TTL split decides only the 1-hour part; the rest of
    /// <c>cache_creation_input_tokens</c> is 5-minute writes (all of it when the split is absent, as in older responses).
    /// </summary>
    public TokenUsage ToTokenUsage()
    {
        var read = cacheRead ?? 0;
        var creation = cacheCreation ?? UsageJson.Add(creation5m ?? 0, creation1h ?? 0);
        var write1h = Math.Min(creation1h ?? 0, creation);
        var write5m = creation - write1h;
        var totalInput = UsageJson.Add(UsageJson.Add(input ?? 0, read), creation);
        return NormalisedUsage.Create(totalInput, output ?? 0, read, write5m, write1h, thinking ?? 0);
    }
}
