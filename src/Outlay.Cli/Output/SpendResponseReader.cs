using System.Globalization;
using System.Text.Json;
using Outlay.Core.Pricing;
using Outlay.Core.Querying;

namespace Outlay.Cli.Output;

/// <summary>Reads the <c>GET /api/v1/spend</c> answer back into a <see cref="SpendResult"/> for the table.</summary>
internal static class SpendResponseReader
{
    private static readonly HashSet<string> Metrics = new(StringComparer.Ordinal)
    {
        "bucket", "cost_usd", "events", "input_tokens", "output_tokens", "cache_read_tokens",
        "cache_write_tokens", "reasoning_tokens", "unpriced_events",
    };

    public static SpendResult Read(JsonElement root)
    {
        var rows = new List<SpendRow>();
        foreach (var row in root.GetProperty("rows").EnumerateArray())
        {
            var dimensions = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var property in row.EnumerateObject())
            {
                if (!Metrics.Contains(property.Name))
                {
                    dimensions[property.Name] = property.Value.ValueKind == JsonValueKind.Null ? null : property.Value.GetString();
                }
            }

            DateTimeOffset? bucket = row.TryGetProperty("bucket", out var b) && b.ValueKind == JsonValueKind.String
                ? DateTimeOffset.Parse(b.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
                : null;
            rows.Add(new SpendRow(
                dimensions,
                bucket,
                NanoUsd.FromUsd(row.GetProperty("cost_usd").GetDecimal()),
                row.GetProperty("events").GetInt64(),
                row.GetProperty("input_tokens").GetInt64(),
                row.GetProperty("output_tokens").GetInt64(),
                row.GetProperty("cache_read_tokens").GetInt64(),
                row.GetProperty("cache_write_tokens").GetInt64(),
                row.GetProperty("reasoning_tokens").GetInt64(),
                row.GetProperty("unpriced_events").GetInt64()));
        }

        return new SpendResult(
            rows,
            NanoUsd.FromUsd(root.GetProperty("total_cost_usd").GetDecimal()),
            root.GetProperty("unpriced_events").GetInt64());
    }
}
