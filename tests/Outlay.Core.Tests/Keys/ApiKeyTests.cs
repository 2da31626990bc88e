using System.Security.Cryptography;
using System.Text;
using Outlay.Core.Keys;

namespace Outlay.Core.Tests.Keys;

public sealed class ApiKeyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(ApiKeyKind.Ingest, "olk_ingest_")]
    [InlineData(ApiKeyKind.Read, "olk_read_")]
    [InlineData(ApiKeyKind.Admin, "olk_admin_")]
    public void Created_key_parses_and_verifies_against_its_record(ApiKeyKind kind, string prefix)
    {
        var (text, record) = ApiKeyFactory.Create(kind, "prj1", ["prod"], "ci", Now);

        Assert.StartsWith(prefix, text, StringComparison.Ordinal);
        Assert.Equal(prefix.Length + 12 + 1 + 52, text.Length);
        Assert.True(ApiKeyText.TryParse(text, out var parsedKind, out var keyId));
        Assert.Equal(kind, parsedKind);
        Assert.Equal(record.KeyId, keyId);
        Assert.True(ApiKeyVerifier.Verify(text, record));
        Assert.Equal("prj1", record.ProjectId);
        Assert.Equal(["prod"], record.Environments);
        Assert.Equal("ci", record.Name);
        Assert.Equal(Now, record.CreatedAt);
        Assert.Null(record.RevokedAt);
    }

    [Fact]
    public void Record_holds_only_the_sha256_of_the_key_text()
    {
        var (text, record) = ApiKeyFactory.Create(ApiKeyKind.Read, "prj1", null, null, Now);

        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(text)), record.SecretHash);
        Assert.Empty(record.Environments);
        var secret = text[(text.LastIndexOf('_') + 1)..];
        Assert.DoesNotContain(secret, string.Join("|", record.KeyId, record.ProjectId, record.Name ?? string.Empty), StringComparison.Ordinal);
    }

    [Fact]
    public void Tampered_secret_fails_verification()
    {
        var (text, record) = ApiKeyFactory.Create(ApiKeyKind.Ingest, "prj1", null, null, Now);
        var last = text[^1];
        var tampered = text[..^1] + (last == 'a' ? 'b' : 'a');

        Assert.True(ApiKeyText.TryParse(tampered, out _, out _));
        Assert.False(ApiKeyVerifier.Verify(tampered, record));
    }

    [Fact]
    public void Key_text_of_another_kind_fails_even_with_the_same_hash()
    {
        var (text, record) = ApiKeyFactory.Create(ApiKeyKind.Read, "prj1", null, null, Now);
        var claimsAdmin = record with { Kind = ApiKeyKind.Admin };

        Assert.False(ApiKeyVerifier.Verify(text, claimsAdmin));
    }

    [Fact]
    public void Key_of_another_record_fails()
    {
        var (text, _) = ApiKeyFactory.Create(ApiKeyKind.Read, "prj1", null, null, Now);
        var (_, other) = ApiKeyFactory.Create(ApiKeyKind.Read, "prj1", null, null, Now);

        Assert.False(ApiKeyVerifier.Verify(text, other));
    }

    [Fact]
    public void Two_keys_differ_in_id_secret_and_hash()
    {
        var (text1, record1) = ApiKeyFactory.Create(ApiKeyKind.Ingest, "prj1", null, null, Now);
        var (text2, record2) = ApiKeyFactory.Create(ApiKeyKind.Ingest, "prj1", null, null, Now);

        Assert.NotEqual(text1, text2);
        Assert.NotEqual(record1.KeyId, record2.KeyId);
        Assert.NotEqual(text1[^52..], text2[^52..]);
        Assert.NotEqual(record1.SecretHash, record2.SecretHash);
    }

    [Theory]
    [InlineData("")]
    [InlineData("olk_")]
    [InlineData("olk_ingest_")]
    [InlineData("olk_write_abcdefghijkl_abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst")]
    [InlineData("OLK_ingest_abcdefghijkl_abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst")]
    [InlineData("olk_ingest_abcdefghijk_abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstu")]
    [InlineData("olk_ingest_abcdefghijkl_abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrs")]
    [InlineData("olk_ingest_abcdefghijkl_abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstu")]
    [InlineData("olk_ingest_abcdefghijk1_abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst")]
    [InlineData("olk_ingest_abcdefghijkl_Abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst")]
    [InlineData("olk_ingest_abcdefghijkl-abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst")]
    [InlineData("olk_read_abcdefghijkl_abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst ")]
    [InlineData("sk-proj-abcdefghijkl_abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst")]
    public void Parse_rejects_malformed_key_text(string text)
    {
        Assert.False(ApiKeyText.TryParse(text, out _, out var keyId));
        Assert.Equal(string.Empty, keyId);
    }

    [Fact]
    public void Parse_accepts_the_exact_shape()
    {
        Assert.True(ApiKeyText.TryParse("olk_read_abcdefghijkl_abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst", out var kind, out var keyId));
        Assert.Equal(ApiKeyKind.Read, kind);
        Assert.Equal("abcdefghijkl", keyId);
    }

    [Fact]
    public void Parse_rejects_oversized_input_even_when_it_starts_like_a_key()
    {
        var (text, _) = ApiKeyFactory.Create(ApiKeyKind.Ingest, "prj1", null, null, Now);

        Assert.Equal(ApiKeyText.MaxLength, text.Length);
        Assert.False(ApiKeyText.TryParse(text + "a", out _, out _));
        Assert.False(ApiKeyText.TryParse(text + new string('a', 1_000_000), out _, out _));
    }

    [Fact]
    public void Verify_rejects_malformed_text_without_throwing()
    {
        var (_, record) = ApiKeyFactory.Create(ApiKeyKind.Ingest, "prj1", null, null, Now);

        Assert.False(ApiKeyVerifier.Verify(string.Empty, record));
        Assert.False(ApiKeyVerifier.Verify("Bearer nonsense", record));
    }

    [Fact]
    public void Base32_matches_rfc4648_test_vectors_in_lowercase()
    {
        // RFC 4648 section 10: BASE32("foobar") = "MZXW6YTBOI======"; we drop padding and use lowercase.
        Assert.Equal("mzxw6ytboi", Base32Lower.Encode("foobar"u8));
        Assert.Equal("my", Base32Lower.Encode("f"u8));
        Assert.Equal(52, Base32Lower.EncodedLength(32));
    }
}
