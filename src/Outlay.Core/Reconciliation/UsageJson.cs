using System.Globalization;
using System.Text.Json;

namespace Outlay.Core.Reconciliation;

/// <summary>Strict readers for the JSON usage formats: every value has a type and a range, and errors name the path.</summary>
internal static class UsageJson
{
    public static JsonDocument Parse(ReadOnlyMemory<byte> content)
    {
        UsageImportFormats.CheckSize(content.Length);
        try
        {
            return JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = UsageImportLimits.MaxJsonDepth });
        }
        catch (JsonException ex)
        {
            // The reader's message carries line and byte position but not the content.
            throw new UsageImportException($"The file is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).", ex);
        }
    }

    /// <summary>The bucket list of a page envelope, a bare array of buckets or a single bucket.</summary>
    public static IEnumerable<(JsonElement Bucket, string Path)> Buckets(JsonElement root, string bucketMarker)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            return Items(root, "$");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new UsageImportException("$ must be a page object, an array of buckets or one bucket.");
        }

        if (root.TryGetProperty("data", out var data))
        {
            if (data.ValueKind != JsonValueKind.Array)
            {
                throw new UsageImportException("data must be an array of buckets.");
            }

            return Items(data, "data");
        }

        if (root.TryGetProperty(bucketMarker, out _))
        {
            return [(root, "$")];
        }

        throw new UsageImportException($"$ has neither data nor {bucketMarker}: it is not a usage page or bucket.");
    }

    public static IEnumerable<(JsonElement Item, string Path)> Items(JsonElement array, string path)
    {
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var itemPath = $"{path}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new UsageImportException($"{itemPath} must be an object.");
            }

            yield return (item, itemPath);
        }
    }

    public static IEnumerable<(JsonElement Item, string Path)> Results(JsonElement bucket, string path)
    {
        if (!bucket.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
        {
            throw new UsageImportException($"{path}.results must be an array.");
        }

        return Items(results, path + ".results");
    }

    public static (bool HasMore, string? NextPage) Paging(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (false, null);
        }

        var hasMore = root.TryGetProperty("has_more", out var more) && more.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False or JsonValueKind.Null => false,
            _ => throw new UsageImportException("has_more must be true or false."),
        };
        var next = OptionalString(root, "next_page", "$", 4096);
        return (hasMore, string.IsNullOrEmpty(next) ? null : next);
    }

    /// <summary>A count (0..10^15); absent or null reads as zero unless required.</summary>
    public static long Count(JsonElement parent, string name, string path, bool required = false)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? throw new UsageImportException($"{path}.{name} is required.") : 0;
        }

        return Count(value, $"{path}.{name}");
    }

    public static long? OptionalCount(JsonElement parent, string name, string path) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? Count(value, $"{path}.{name}") : null;

    public static long Count(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            throw new UsageImportException($"{path} must be a number.");
        }

        if (!value.TryGetInt64(out var count) || count < 0 || count > UsageImportLimits.MaxCount)
        {
            throw new UsageImportException($"{path} must be a whole number from 0 to {UsageImportLimits.MaxCount:N0}.");
        }

        return count;
    }

    public static string? OptionalString(JsonElement parent, string name, string path, int maxLength)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new UsageImportException($"{path}.{name} must be a string or null.");
        }

        var text = value.GetString()!;
        if (text.Length > maxLength)
        {
            throw new UsageImportException($"{path}.{name} is longer than {maxLength} characters.");
        }

        if (text.Any(char.IsControl))
        {
            throw new UsageImportException($"{path}.{name} contains a control character.");
        }

        return text;
    }

    public static bool? OptionalBool(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new UsageImportException($"{path}.{name} must be true, false or null."),
        };
    }

    /// <summary>Dollars as a JSON number or string, converted from its own text (never through double).</summary>
    public static long DollarsToNano(JsonElement value, string path)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString()!,
            _ => throw new UsageImportException($"{path} must be a number."),
        };
        return DollarsToNano(text, path);
    }

    public static long DollarsToNano(string text, string path)
    {
        if (text.Length > 64 || !decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var usd))
        {
            throw new UsageImportException($"{path} must be a decimal number of dollars.");
        }

        if (Math.Abs(usd) > UsageImportLimits.MaxAbsoluteCostUsd)
        {
            throw new UsageImportException($"{path} must be at most {UsageImportLimits.MaxAbsoluteCostUsd:N0} dollars.");
        }

        return Pricing.NanoUsd.FromUsd(usd);
    }

    public static DateTimeOffset DayOf(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero);
    }
}
