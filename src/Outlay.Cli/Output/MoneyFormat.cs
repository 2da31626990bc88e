using System.Globalization;

namespace Outlay.Cli.Output;

/// <summary>Readable USD: <c>$1,234.56</c> for large amounts, enough digits for small ones (<c>$0.000321</c>).</summary>
internal static class MoneyFormat
{
    public static string Usd(decimal usd)
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

    public static string Tokens(long count) => count.ToString("#,##0", CultureInfo.InvariantCulture);
}
