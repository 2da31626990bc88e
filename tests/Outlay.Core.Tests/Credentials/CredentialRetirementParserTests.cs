using Outlay.Core.Credentials;

namespace Outlay.Core.Tests.Credentials;

/// <summary>A retirement request is validated field by field, with messages that name the field and never echo the value.</summary>
public sealed class CredentialRetirementParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Defaults_to_now_with_no_replacement_or_note()
    {
        var retirement = CredentialRetirementParser.Parse("p", "openai-prod", null, " ", null, Now, "key_1");

        Assert.Equal(new CredentialRetirement("p", "openai-prod", Now, null, null, Now, "key_1"), retirement);
    }

    [Theory]
    [InlineData("2026-03-01", "2026-03-01T00:00:00Z")]
    [InlineData("2026-03-01T08:30:00+02:00", "2026-03-01T06:30:00Z")]
    [InlineData("2h", "2026-03-10T10:00:00Z")]
    public void Accepts_iso_8601_and_durations_back_from_now(string text, string expected)
    {
        var retirement = CredentialRetirementParser.Parse("p", "k", text, "k2", "rotated after the incident", Now, null);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), retirement.RetiredAt);
        Assert.Equal("k2", retirement.ReplacedBy);
        Assert.Equal("rotated after the incident", retirement.Note);
    }

    [Theory]
    [InlineData("", null, null, null, "label")]
    [InlineData("a\nb", null, null, null, "label")]
    [InlineData("k", "yesterday-ish", null, null, "retired_at")]
    [InlineData("k", "2028-01-01", null, null, "retired_at")]
    [InlineData("k", null, "k", null, "replaced_by")]
    [InlineData("k", null, "bad\u0001", null, "replaced_by")]
    [InlineData("k", null, null, "line\nbreak", "note")]
    public void Refuses_each_bad_field_by_name(string label, string? at, string? replacedBy, string? note, string field)
    {
        var e = Assert.Throws<CredentialValidationException>(() => CredentialRetirementParser.Parse("p", label, at, replacedBy, note, Now, null));

        Assert.Equal(field, e.Field);
        Assert.StartsWith(field + ":", e.Message, StringComparison.Ordinal);
        if (at is not null)
        {
            Assert.DoesNotContain(at, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Refuses_a_label_and_a_note_over_their_limits()
    {
        Assert.Equal("label", Assert.Throws<CredentialValidationException>(() => CredentialRetirementParser.Parse("p", new string('k', 129), null, null, null, Now, null)).Field);
        Assert.Equal("note", Assert.Throws<CredentialValidationException>(() => CredentialRetirementParser.Parse("p", "k", null, null, new string('n', 501), Now, null)).Field);
        Assert.Equal(128, CredentialRetirementParser.Parse("p", new string('k', 128), null, null, new string('n', 500), Now, null).KeyLabel.Length);
    }
}
