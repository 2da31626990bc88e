using System.Globalization;
using System.Text.Json;

namespace Outlay.Storage.ClickHouse;

/// <summary>Reads ClickHouse's JSONEachRow values: 64-bit integers come quoted, Decimal128 sums as bare numbers.</summary>
internal static class Json
{
    public static long Int64(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? long.Parse(value.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
        : value.GetInt64();

    public static long? NullableInt64(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : Int64(value);

    /// <summary>An exact integer of any width ClickHouse prints (a Decimal128 sum can pass 2^63).</summary>
    public static Int128 Big(JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return Int128.Parse(dot < 0 ? text : text[..dot], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }

    public static string? NullableString(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetString();
}
