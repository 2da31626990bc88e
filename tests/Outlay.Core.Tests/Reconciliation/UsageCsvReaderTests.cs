using System.Text;
using Outlay.Core.Reconciliation;

namespace Outlay.Core.Tests.Reconciliation;

public sealed class UsageCsvReaderTests
{
    private static readonly DateTimeOffset ImportedAt = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Full_header_with_quoting_reads_every_column_and_sums_duplicate_keys()
    {
        const string csv =
            "date,provider,model,key_id,project,service_tier,requests,input_tokens,output_tokens,cache_read_tokens,cache_write_tokens,cost_usd\r\n" +
            "2026-11-20,Mistral,\"mistral-large, 2411\",key_1,\"proj \"\"x\"\"\",standard,3,1000,200,100,0,0.012345678912\r\n" +
            "2026-11-20T23:59:59Z,mistral,\"mistral-large, 2411\",key_1,\"proj \"\"x\"\"\",default,2,500,20,0,50,0.5\r\n" +
            "\r\n";

        var import = ProviderUsageImporter.Read(Encoding.UTF8.GetBytes(csv), format: null, ImportedAt);

        Assert.Equal(UsageImportFormats.Csv, import.Format);
        Assert.Equal(2, import.RowsRead);
        var record = Assert.Single(import.Records);
        Assert.Equal(
            new ProviderUsageRecord(
                "mistral", new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero), "key_1", "proj \"x\"", "mistral-large, 2411",
                "default", 5, 1500, 220, 100, 50, 12_345_679 + 500_000_000, UsageCsvReader.Source, ImportedAt),
            record);
    }

    [Fact]
    public void Only_the_required_columns_in_any_order()
    {
        const string csv = "output_tokens,input_tokens,provider,date,model\n7,70,groq,2026-11-19,\"llama, 3\"\n";

        var record = Assert.Single(UsageCsvReader.Read(Encoding.UTF8.GetBytes(csv), ImportedAt).Records);

        Assert.Equal(("groq", "llama, 3", 70L, 7L, (long?)null, (long?)null, ""), (record.Provider, record.Model, record.InputTokens, record.OutputTokens, record.Requests, record.CostNanoUsd, record.ServiceTier));
    }

    [Fact]
    public void A_quoted_line_break_is_one_field_and_later_errors_still_name_the_right_line()
    {
        const string csv = "date,provider,input_tokens,output_tokens,project\n2026-11-19,groq,1,1,\"a\nb\"\n";
        const string laterError = "date,provider,input_tokens,output_tokens,cost_usd\n2026-11-19,groq,1,1,\"1\n\"\n2026-11-19,groq,1,1,x\n";

        var first = Assert.Throws<UsageImportException>(() => UsageCsvReader.Read(Encoding.UTF8.GetBytes(csv), ImportedAt));
        var second = Assert.Throws<UsageImportException>(() => UsageCsvReader.Read(Encoding.UTF8.GetBytes(laterError), ImportedAt));

        Assert.Contains("line 2, field project: contains a control character", first.Message, StringComparison.Ordinal);
        Assert.Contains("line 4, field cost_usd", second.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "line 1: the file is empty")]
    [InlineData("date,provider,input_tokens\n", "the header has no output_tokens column")]
    [InlineData("date,provider,input_tokens,output_tokens,tokens\n", "line 1, column 5: unknown column")]
    [InlineData("date,provider,input_tokens,output_tokens,date\n", "column date appears twice")]
    [InlineData("date,provider,input_tokens,output_tokens\n2026-11-20,openai,1\n", "line 2: 3 fields where the header has 4")]
    [InlineData("date,provider,input_tokens,output_tokens\n2026-11-20,openai,1,2\n20/11/2026,openai,1,2\n", "line 3, field date")]
    [InlineData("date,provider,input_tokens,output_tokens\n2026-11-20,openai,,2\n", "line 2, field input_tokens: required")]
    [InlineData("date,provider,input_tokens,output_tokens\n2026-11-20,openai,-5,2\n", "line 2, field input_tokens: must be a whole number")]
    [InlineData("date,provider,input_tokens,output_tokens\n2026-11-20,openai,1e3,2\n", "line 2, field input_tokens: must be a whole number")]
    [InlineData("date,provider,input_tokens,output_tokens\n2026-11-20,openai,99999999999999999999999,2\n", "line 2, field input_tokens: must be a whole number")]
    [InlineData("date,provider,input_tokens,output_tokens\n2026-11-20,,1,2\n", "line 2, field provider")]
    [InlineData("date,provider,input_tokens,output_tokens\n2026-11-20,open ai,1,2\n", "line 2, field provider")]
    [InlineData("date,provider,input_tokens,output_tokens,cost_usd\n2026-11-20,openai,1,2,$3\n", "line 2, field cost_usd")]
    [InlineData("date,provider,input_tokens,output_tokens,service_tier\n2026-11-20,openai,1,2,gold\n", "line 2, field service_tier")]
    [InlineData("date,provider,input_tokens,output_tokens,cache_read_tokens\n2026-11-20,openai,1,2,5\n", "line 2: cache_read_tokens + cache_write_tokens exceed input_tokens")]
    [InlineData("date,provider,input_tokens,output_tokens,model\n2026-11-20,openai,1,2,\"open\n", "line 2: a quoted field is not closed")]
    [InlineData("date,provider,input_tokens,output_tokens,model\n2026-11-20,openai,1,2,\"a\"b\n", "line 2: text after a closing quote")]
    [InlineData("date,provider,input_tokens,output_tokens,model\n2026-11-20,openai,1,2,a\"b\n", "line 2: a quote inside an unquoted field")]
    public void Errors_name_the_line_and_field(string csv, string message)
    {
        var error = Assert.Throws<UsageImportException>(() => UsageCsvReader.Read(Encoding.UTF8.GetBytes(csv), ImportedAt));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_refused()
    {
        byte[] bytes = [.. "date,provider,input_tokens,output_tokens\n2026-11-20,"u8, 0xC3, 0x28, .. ",1,2\n"u8];

        var error = Assert.Throws<UsageImportException>(() => UsageCsvReader.Read(bytes, ImportedAt));

        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_rows_than_the_limit_are_refused()
    {
        var csv = new StringBuilder("date,provider,input_tokens,output_tokens\n");
        for (var i = 0; i <= UsageImportLimits.MaxRows; i++)
        {
            csv.Append("2026-11-20,x,1,1\n");
        }

        var error = Assert.Throws<UsageImportException>(() => UsageCsvReader.Read(Encoding.UTF8.GetBytes(csv.ToString()), ImportedAt));

        Assert.Contains($"line {UsageImportLimits.MaxRows + 2}: the file has more than 1,000,000 rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_50_megabytes_is_refused_before_reading()
    {
        var bytes = new byte[UsageImportLimits.MaxBytes + 1];

        var error = Assert.Throws<UsageImportException>(() => ProviderUsageImporter.Read(bytes, null, ImportedAt));

        Assert.Contains("larger than 50 MB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_format_name_is_refused()
    {
        var error = Assert.Throws<UsageImportException>(() => ProviderUsageImporter.Read("x"u8.ToArray(), "xml", ImportedAt));

        Assert.Contains("Unknown format", error.Message, StringComparison.Ordinal);
    }
}
