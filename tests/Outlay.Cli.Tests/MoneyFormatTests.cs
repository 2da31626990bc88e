using Outlay.Cli.Output;

namespace Outlay.Cli.Tests;

public sealed class MoneyFormatTests
{
    [Theory]
    [InlineData("1234.5678", "$1,234.57")]
    [InlineData("1", "$1.00")]
    [InlineData("0", "$0.00")]
    [InlineData("0.0425", "$0.0425")]
    [InlineData("0.05", "$0.05")]
    [InlineData("0.000321", "$0.000321")]
    [InlineData("0.000000001", "$0.000000001")]
    [InlineData("-2.5", "-$2.50")]
    public void Amounts_read_naturally_and_small_ones_keep_their_digits(string usd, string expected) =>
        Assert.Equal(expected, MoneyFormat.Usd(decimal.Parse(usd, System.Globalization.CultureInfo.InvariantCulture)));
}
