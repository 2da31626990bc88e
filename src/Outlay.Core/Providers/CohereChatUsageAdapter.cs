using System.Text.Json;
using Outlay.Core.Events;

namespace Outlay.Core.Providers;

/// <summary>
/// Cohere chat: billing is on <c>billed_units.input_tokens/output_tokens</c>, not on <c>tokens</c> (which counts
/// unbilled template tokens). v2 puts them under <c>usage</c>, v1 under <c>meta</c>. A top-level
/// <c>usage.cached_tokens</c> is a cache read; billed input excludes it, so it is added to the input.
/// </summary>
public static class CohereChatUsageAdapter
{
    /// <summary>Converts a v2 <c>usage</c> or v1 <c>meta</c> object; falls back to <c>tokens</c> when <c>billed_units</c> is absent.</summary>
    public static TokenUsage FromUsage(JsonElement usage)
    {
        if (!UsageJson.TryObject(usage, "billed_units", out var counts) && !UsageJson.TryObject(usage, "tokens", out counts))
        {
            counts = default;
        }

        var billedInput = UsageJson.Count(counts, "input_tokens") ?? 0;
        var output = UsageJson.Count(counts, "output_tokens") ?? 0;
        var cached = UsageJson.Count(usage, "cached_tokens") ?? 0;
        return NormalisedUsage.Create(UsageJson.Add(billedInput, cached), output, cacheRead: cached);
    }

    /// <summary>
    /// Reads a v2 chat response (<c>usage</c>), a v2 stream <c>message-end</c> event (<c>delta.usage</c>) or a
    /// v1 response (<c>meta</c>). Cohere bodies do not name the model, so pass it from the request.
    /// </summary>
    /// <param name="response">The response or stream event.</param>
    /// <param name="model">The model of the request, reported as is; may be null.</param>
    /// <exception cref="ProviderResponseException">No usage object was found.</exception>
    public static ProviderUsage FromResponse(JsonElement response, string? model = null)
    {
        if (!TryFindUsage(response, out var usage))
        {
            throw new ProviderResponseException("The Cohere response carries no usage or meta object with billed units.");
        }

        var id = UsageJson.Text(response, "id") ?? UsageJson.Text(response, "response_id");
        return new ProviderUsage(ProviderNames.Cohere, model ?? UsageJson.Text(response, "model"), Operations.Chat, FromUsage(usage), null, id);
    }

    /// <summary>Finds the object holding <c>billed_units</c> (or <c>tokens</c>): v2 <c>usage</c>, v2 stream <c>delta.usage</c>, v1 <c>meta</c>.</summary>
    internal static bool TryFindUsage(JsonElement response, out JsonElement usage)
    {
        if (UsageJson.TryObject(response, "delta", out var delta) && IsCohereUsage(delta, "usage", out usage))
        {
            return true;
        }

        return IsCohereUsage(response, "usage", out usage) || IsCohereUsage(response, "meta", out usage);
    }

    private static bool IsCohereUsage(JsonElement parent, string name, out JsonElement usage) =>
        UsageJson.TryObject(parent, name, out usage)
        && (UsageJson.TryObject(usage, "billed_units", out _) || UsageJson.TryObject(usage, "tokens", out _));
}
