using System.Globalization;
using System.Text;

namespace Outlay.Storage.ClickHouse;

/// <summary>
/// The only way a value enters SQL text: strings as <c>'…'</c> literals with every backslash, quote and control
/// character escaped, numbers in invariant culture. ClickHouse 18.16 has no query parameters, so queries cannot bind
/// values; inserts never need this (their values travel in the JSONEachRow body).
/// </summary>
internal static class ClickHouseSql
{
    /// <summary>A string literal for <paramref name="value"/>; round-trips every string, NUL and newlines included.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': builder.Append("\\\\"); break;
                case '\'': builder.Append("\\'"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\0': builder.Append("\\0"); break;
                default:
                    if (c < ' ' || c == '\x7f')
                    {
                        builder.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('\'').ToString();
    }

    /// <summary>An integer literal.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>IN (…)</c> list of quoted strings.</summary>
    public static string InList(IEnumerable<string> values) => "(" + string.Join(", ", values.Select(Quote)) + ")";
}
