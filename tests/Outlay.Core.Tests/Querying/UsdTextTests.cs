using System.Globalization;
using Outlay.Core.Querying;

namespace Outlay.Core.Tests.Querying;

public sealed class UsdTextTests
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
        Assert.Equal(expected, UsdText.Format(decimal.Parse(usd, CultureInfo.InvariantCulture)));

    [Fact]
    public void Nano_dollars_format_like_the_same_decimal()
    {
        Assert.Equal("$0.000321", UsdText.FormatNano(321_000));
        Assert.Equal("$1,234,567.89", UsdText.FormatNano(1_234_567_890_000_000));
    }

    [Fact]
    public void Token_counts_have_thousands_separators() =>
        Assert.Equal("12,345,678", UsdText.Tokens(12_345_678));
}
