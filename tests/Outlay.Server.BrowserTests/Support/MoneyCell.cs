using System.Globalization;

namespace Outlay.Server.BrowserTests.Support;

/// <summary>
/// Reads the dashboard's money text back into an exact decimal (<c>$1,234.56</c>, <c>-$0.000321</c>). A group whose
/// events are all unpriced reads "unpriced" (never $0.00); its priced cost is zero, which is how it sorts.
/// </summary>
internal static class MoneyCell
{
    public static decimal Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed == "unpriced")
        {
            return 0m;
        }

        var negative = trimmed.StartsWith('-');
        var digits = trimmed.TrimStart('-');
        Assert.True(digits.StartsWith('$'), $"'{text}' is not a dollar amount");
        var value = decimal.Parse(digits[1..], NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return negative ? -value : value;
    }
}
