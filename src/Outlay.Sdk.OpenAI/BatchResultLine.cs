using System.Text.Json;
using Outlay.Core.Events;
using Outlay.Core.Providers;

namespace Outlay.Sdk.OpenAI;

/// <summary>
/// Reads one line of a Batch API output file:
/// <c>{"id": …, "custom_id": …, "response": {"status_code": 200, "request_id": …, "body": {…}}, "error": null}</c>.
/// </summary>
internal static class BatchResultLine
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = ProviderResponseReader.MaxJsonDepth };

    /// <summary>
    /// The usage of a successful line, priced at the batch tier whatever tier the body names; null for a failed
    /// request (no usage is billed for it). Throws on malformed input, like the core reader.
    /// </summary>
    public static ProviderUsage? Read(string line, string? providerHint)
    {
        if (line.Length > ProviderResponseReader.MaxBodyLength)
        {
            return null;
        }

        using var document = JsonDocument.Parse(line, DocumentOptions);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("response", out var response)
            || response.ValueKind != JsonValueKind.Object
            || !response.TryGetProperty("status_code", out var statusCode)
            || statusCode.ValueKind != JsonValueKind.Number
            || statusCode.GetInt32() != 200
            || !response.TryGetProperty("body", out var body)
            || body.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        // The body is any endpoint the Batch API serves (chat completions, responses, embeddings): the core picks the rules by shape.
        var usage = ProviderResponseReader.Read(body.GetRawText(), providerHint);
        return usage with { ServiceTier = ServiceTiers.Batch };
    }
}
