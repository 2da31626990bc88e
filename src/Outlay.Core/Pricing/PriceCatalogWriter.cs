using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Outlay.Core.Pricing;

/// <summary>
/// Writes a catalog in Outlay's catalog format with a fixed field order, entries sorted by provider, model and
/// effective date, decimals in plain notation and "\n" line ends, so the same catalog always gives the same bytes.
/// </summary>
internal static class PriceCatalogWriter
{
    public const string Format = "outlay.price-catalog.v1";

    public static string Write(PriceCatalog catalog)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteString("unit", "USD per 1M tokens");
            WriteNullable(writer, "generated", catalog.Generated);
            writer.WriteStartArray("sources");
            foreach (var source in catalog.Sources)
            {
                writer.WriteStringValue(source);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("entries");
            foreach (var entry in Sorted(catalog.Entries))
            {
                WriteEntry(writer, entry);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        // Utf8JsonWriter uses the platform line end on older targets; pin "\n" for byte-stable output.
        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    public static IEnumerable<PriceEntry> Sorted(IEnumerable<PriceEntry> entries) =>
        entries
            .OrderBy(e => e.Provider, StringComparer.Ordinal)
            .ThenBy(e => e.Model, StringComparer.Ordinal)
            .ThenBy(e => e.EffectiveFrom ?? DateTimeOffset.MinValue)
            .ThenBy(e => e.Id, StringComparer.Ordinal);

    public static string FormatDecimal(decimal value) =>
        value.ToString("0.############################", CultureInfo.InvariantCulture);

    public static string? FormatInstant(DateTimeOffset? value)
    {
        if (value is null)
        {
            return null;
        }

        var utc = value.Value.ToUniversalTime();
        return utc.TimeOfDay == TimeSpan.Zero
            ? utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
    }

    internal static void WriteEntry(Utf8JsonWriter writer, PriceEntry entry)
    {
        writer.WriteStartObject();
        writer.WriteString("id", entry.Id);
        writer.WriteString("provider", entry.Provider);
        writer.WriteString("model", entry.Model);
        writer.WriteString("mode", entry.Mode);
        writer.WriteStartArray("aliases");
        foreach (var alias in entry.Aliases.Order(StringComparer.Ordinal))
        {
            writer.WriteStringValue(alias);
        }

        writer.WriteEndArray();
        WriteNullable(writer, "effective_from", FormatInstant(entry.EffectiveFrom));
        WriteNullable(writer, "effective_to", FormatInstant(entry.EffectiveTo));
        WriteTierBody(writer, entry.Default);
        WriteTier(writer, "batch", entry.Batch);
        WriteTier(writer, "flex", entry.Flex);
        WriteTier(writer, "priority", entry.Priority);
        if (entry.Source is not null)
        {
            writer.WriteString("source", entry.Source);
        }

        if (entry.Notes is not null)
        {
            writer.WriteString("notes", entry.Notes);
        }

        writer.WriteEndObject();
    }

    private static void WriteTier(Utf8JsonWriter writer, string name, TierPrices? tier)
    {
        if (tier is null)
        {
            return;
        }

        writer.WriteStartObject(name);
        WriteTierBody(writer, tier);
        writer.WriteEndObject();
    }

    private static void WriteTierBody(Utf8JsonWriter writer, TierPrices tier)
    {
        WriteRates(writer, tier.Rates);
        if (tier.LongContext.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("long_context");
        foreach (var level in tier.LongContext.OrderBy(t => t.ThresholdTokens))
        {
            writer.WriteStartObject();
            writer.WriteNumber("threshold", level.ThresholdTokens);
            if (level.Inclusive)
            {
                writer.WriteBoolean("inclusive", true);
            }

            WriteRates(writer, level.Rates);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteRates(Utf8JsonWriter writer, PriceRates rates)
    {
        writer.WriteString("input", FormatDecimal(rates.Input));
        writer.WriteString("output", FormatDecimal(rates.Output));
        WriteRate(writer, "cache_read", rates.CacheRead);
        WriteRate(writer, "cache_write_5m", rates.CacheWrite5m);
        WriteRate(writer, "cache_write_1h", rates.CacheWrite1h);
        WriteRate(writer, "reasoning", rates.Reasoning);
    }

    private static void WriteRate(Utf8JsonWriter writer, string name, decimal? rate)
    {
        if (rate is not null)
        {
            writer.WriteString(name, FormatDecimal(rate.Value));
        }
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
