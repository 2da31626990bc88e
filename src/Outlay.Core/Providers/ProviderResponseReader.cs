using System.Text.Json;

namespace Outlay.Core.Providers;

/// <summary>
/// Turns a provider response body (JSON, a JSON array of stream chunks, or server-sent events) into
/// <see cref="ProviderUsage"/>. It recognises OpenAI Chat Completions / Responses / embeddings (and the
/// OpenAI-compatible Azure, Mistral, DeepSeek, xAI and Groq), Anthropic Messages (also via Bedrock InvokeModel),
/// Gemini, Bedrock Converse and Cohere by shape. Nothing but usage, model, id and tier fields is read.
/// </summary>
public static class ProviderResponseReader
{
    /// <summary>Largest body accepted, in characters (16 Mi).</summary>
    public const int MaxBodyLength = 16 * 1024 * 1024;

    /// <summary>Deepest JSON nesting accepted.</summary>
    public const int MaxJsonDepth = 64;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxJsonDepth };

    /// <summary>Reads the usage of one provider response.</summary>
    /// <param name="body">The whole response body as text.</param>
    /// <param name="providerHint">
    /// The provider the call went to (e.g. <c>azure</c>, <c>mistral</c>, <c>deepseek</c>, or an OpenTelemetry name such as
    /// <c>aws.bedrock</c>); normalised by <see cref="ProviderNames.Normalise"/>. When given it is the provider reported,
    /// since several providers share one shape. Default null: the provider is inferred from the shape.
    /// </param>
    /// <param name="modelHint">
    /// The requested model, reported only when the body names none (Bedrock Converse, Cohere). Default null.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    /// <exception cref="ProviderResponseException">
    /// The body is too large, malformed, of an unknown shape, or carries no usage. The message never quotes the body.
    /// </exception>
    public static ProviderUsage Read(string body, string? providerHint = null, string? modelHint = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Length > MaxBodyLength)
        {
            throw new ProviderResponseException($"The provider response is larger than {MaxBodyLength} characters.");
        }

        if (body.Length > 0 && body[0] == '\uFEFF')
        {
            body = body[1..];
        }

        var provider = ProviderNames.Normalise(providerHint);
        var text = body.AsSpan().TrimStart();
        ProviderUsage usage;
        if (!text.IsEmpty && text[0] is '{' or '[')
        {
            usage = ReadJson(body, provider);
        }
        else if (SseDataPayloads.LooksLikeSse(text))
        {
            usage = ReadSse(body, provider);
        }
        else
        {
            throw new ProviderResponseException("The provider response is neither JSON nor server-sent events.");
        }

        // The hint names the provider even where an adapter has a fixed default (Cohere).
        if (provider is not null && !string.Equals(usage.Provider, provider, StringComparison.Ordinal))
        {
            usage = usage with { Provider = provider };
        }

        return string.IsNullOrWhiteSpace(usage.Model) && !string.IsNullOrWhiteSpace(modelHint)
            ? usage with { Model = modelHint.Trim() }
            : usage;
    }

    private static ProviderUsage ReadJson(string body, string? provider)
    {
        using var document = Parse(body.AsMemory(), "The provider response");
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Array)
        {
            // A JSON array of stream chunks (Gemini's streamGenerateContent without alt=sse).
            var collector = new StreamUsageCollector(provider);
            foreach (var chunk in root.EnumerateArray())
            {
                collector.Observe(chunk);
            }

            return collector.Build();
        }

        return SingleResponseReader.Read(root, provider);
    }

    private static ProviderUsage ReadSse(string body, string? provider)
    {
        var collector = new StreamUsageCollector(provider);
        var index = 0;
        foreach (var payload in SseDataPayloads.Split(body))
        {
            index++;
            using var document = Parse(payload, $"Server-sent event {index}");
            collector.Observe(document.RootElement);
        }

        return collector.Build();
    }

    private static JsonDocument Parse(ReadOnlyMemory<char> json, string what)
    {
        try
        {
            return JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            // The parser's own message can quote the offending text, so only its position is passed on.
            throw new ProviderResponseException(
                $"{what} is not valid JSON or is nested deeper than {MaxJsonDepth} levels (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).");
        }
    }
}
