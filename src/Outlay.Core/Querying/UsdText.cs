using System.Globalization;
using Outlay.Core.Pricing;

namespace Outlay.Core.Querying;

/// <summary>Readable USD and counts for people: <c>$1,234.56</c> for large amounts, enough digits for small ones (<c>$0.000321</c>).</summary>
public static class UsdText
{
    /// <summary>
    /// Two decimals with thousands separators from $1 up; up to four decimals from a cent; every non-zero nano-dollar digit
    /// below a cent. Negative amounts read <c>-$2.50</c>.
    /// </summary>
    public static string Format(decimal usd)
    {
        var magnitude = Math.Abs(usd);
        string digits;
        if (magnitude == 0m || magnitude >= 1m)
        {
            digits = magnitude.ToString("#,##0.00", CultureInfo.InvariantCulture);
        }
        else if (magnitude >= 0.01m)
        {
            digits = magnitude.ToString("0.00##", CultureInfo.InvariantCulture);
        }
        else
        {
            // Sub-cent amounts keep every nano-dollar digit that is not a trailing zero.
            digits = magnitude.ToString("0.#########", CultureInfo.InvariantCulture);
        }

        return (usd < 0 ? "-$" : "$") + digits;
    }

    /// <summary><see cref="Format"/> of an amount in nano-dollars.</summary>
    public static string FormatNano(long nanoUsd) => Format(NanoUsd.ToUsd(nanoUsd));

    /// <summary>A count with thousands separators: <c>12,345</c>.</summary>
    public static string Tokens(long count) => count.ToString("#,##0", CultureInfo.InvariantCulture);
}
