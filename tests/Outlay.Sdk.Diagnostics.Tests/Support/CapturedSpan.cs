using System.Diagnostics;
using System.Text.Json;

namespace Outlay.Sdk.Diagnostics.Tests.Support;

/// <summary>The attributes of the one span in a captured OTLP/JSON trace export, replayable onto an <see cref="Activity"/>.</summary>
internal sealed class CapturedSpan
{
    private CapturedSpan(string scopeName, IReadOnlyList<KeyValuePair<string, object?>> attributes)
    {
        ScopeName = scopeName;
        Attributes = attributes;
    }

    public string ScopeName { get; }

    public IReadOnlyList<KeyValuePair<string, object?>> Attributes { get; }

    public static CapturedSpan Load(string sharedPath)
    {
        using var document = JsonDocument.Parse(Outlay.Testing.SharedFixtures.ReadText(sharedPath));
        var scopeSpans = document.RootElement.GetProperty("resourceSpans")[0].GetProperty("scopeSpans")[0];
        var span = scopeSpans.GetProperty("spans")[0];
        var attributes = span.GetProperty("attributes").EnumerateArray()
            .Select(a => new KeyValuePair<string, object?>(a.GetProperty("key").GetString()!, ToTagValue(a.GetProperty("value"))))
            .ToList();
        return new CapturedSpan(scopeSpans.GetProperty("scope").GetProperty("name").GetString()!, attributes);
    }

    public void ApplyTo(Activity activity)
    {
        foreach (var (key, value) in Attributes)
        {
            activity.SetTag(key, value);
        }
    }

    /// <summary>OTLP AnyValue → the CLR type the .NET emitters put on activities (int64 arrives as a JSON string).</summary>
    private static object? ToTagValue(JsonElement value)
    {
        if (value.TryGetProperty("stringValue", out var text))
        {
            return text.GetString();
        }

        if (value.TryGetProperty("intValue", out var number))
        {
            return long.Parse(number.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (value.TryGetProperty("boolValue", out var flag))
        {
            return flag.GetBoolean();
        }

        if (value.TryGetProperty("doubleValue", out var real))
        {
            return real.GetDouble();
        }

        if (value.TryGetProperty("arrayValue", out var array))
        {
            return array.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("stringValue").GetString()).ToArray();
        }

        return null;
    }
}
