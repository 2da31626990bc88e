using System.Text.Json;
using Outlay.Core.Querying;

namespace Outlay.Core.Events;

/// <summary>
/// The <c>usage</c> object: token counts in 0..<see cref="EventLimits.MaxTokens"/>, with the subsets fitting inside
/// their totals the OpenTelemetry way (input counts cache reads and writes, output counts reasoning).
/// </summary>
internal static class TokenUsageReader
{
    private const int Input = 0;
    private const int Output = 1;
    private const int CacheRead = 2;
    private const int CacheWrite = 3;
    private const int CacheWrite1h = 4;
    private const int Reasoning = 5;

    private static readonly string[] Names =
    [
        "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "cache_write_1h_tokens", "reasoning_tokens",
    ];

    /// <summary>The usage, or null when absent (JSON null) or refused; the reader ends on its last token.</summary>
    public static TokenUsage? Read(ref Utf8JsonReader reader, EventLimits limits, EventIssues issues)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            issues.Refuse("usage", "must be an object");
            EventValueReader.Screen(ref reader, "usage", issues);
            return null;
        }

        Span<long> counts = stackalloc long[Names.Length];
        Span<bool> present = stackalloc bool[Names.Length];
        var valid = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var slot = Match(ref reader);
            if (slot < 0)
            {
                ReadUnknownField(ref reader, issues);
                valid = false;
                continue;
            }

            var path = "usage." + Names[slot];
            if (present[slot])
            {
                issues.Refuse(path, "appears more than once");
                valid = false;
            }

            reader.Read();
            var isNull = reader.TokenType == JsonTokenType.Null;
            var value = EventValueReader.ReadInteger(ref reader, path, limits.MaxTokens, issues);
            valid &= value is not null || isNull;
            counts[slot] = value ?? 0;
            present[slot] |= value is not null;
        }

        return valid ? Complete(counts, present, issues) : null;
    }

    private static TokenUsage? Complete(ReadOnlySpan<long> counts, ReadOnlySpan<bool> present, EventIssues issues)
    {
        if (!present[Input] || !present[Output])
        {
            issues.Refuse(present[Input] ? "usage.output_tokens" : "usage.input_tokens", "is required");
            return null;
        }

        // Each count is at most MaxTokens (a long), so the sum cannot overflow.
        if (counts[CacheRead] + counts[CacheWrite] + counts[CacheWrite1h] > counts[Input])
        {
            issues.Refuse(
                "usage",
                "cache_read_tokens + cache_write_tokens + cache_write_1h_tokens must not exceed input_tokens, " +
                "which counts all input including cache reads and cache writes");
            return null;
        }

        if (counts[Reasoning] > counts[Output])
        {
            issues.Refuse("usage.reasoning_tokens", "must not exceed output_tokens, which counts all output including reasoning");
            return null;
        }

        return new TokenUsage(counts[Input], counts[Output], counts[CacheRead], counts[CacheWrite], counts[CacheWrite1h], counts[Reasoning]);
    }

    private static int Match(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("input_tokens"u8) ? Input
        : reader.ValueTextEquals("output_tokens"u8) ? Output
        : reader.ValueTextEquals("cache_read_tokens"u8) ? CacheRead
        : reader.ValueTextEquals("cache_write_tokens"u8) ? CacheWrite
        : reader.ValueTextEquals("cache_write_1h_tokens"u8) ? CacheWrite1h
        : reader.ValueTextEquals("reasoning_tokens"u8) ? Reasoning
        : -1;

    private static void ReadUnknownField(ref Utf8JsonReader reader, EventIssues issues)
    {
        var name = reader.GetString()!;
        var label = issues.Screen("usage (an unknown field name)", name) && TagKeyPattern.IsValid(name)
            ? "usage." + name
            : "usage (an unknown field)";
        issues.Refuse(label, "unknown field");
        reader.Read();
        EventValueReader.Screen(ref reader, label, issues);
    }
}
