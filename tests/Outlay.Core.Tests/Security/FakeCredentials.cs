using System.Text;

namespace Outlay.Core.Tests.Security;

/// <summary>
/// Fake but realistically shaped credentials, assembled at run time from split prefixes and seeded random bodies so
/// that no credential-shaped literal appears in the repository for secret scanners to trip on.
/// </summary>
internal static class FakeCredentials
{
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Digits = "0123456789";
    private const string Base62 = Upper + Lower + Digits;

    /// <summary>Every recognised format with a builder; the name is the expected <c>CredentialFormats</c> value.</summary>
    public static readonly IReadOnlyList<(string Case, string Format, Func<Random, string> Build)> All =
    [
        ("openai legacy", "openai_api_key", r => "sk" + "-" + Mixed(r, 48)),
        ("openai project", "openai_api_key", r => "sk" + "-proj-" + Mixed(r, 74) + "_" + Mixed(r, 80)),
        ("openai service account", "openai_api_key", r => "sk" + "-svcacct-" + Mixed(r, 74) + "-" + Mixed(r, 40)),
        ("openai admin", "openai_api_key", r => "sk" + "-admin-" + Mixed(r, 74) + "_" + Mixed(r, 40)),
        ("anthropic api", "anthropic_api_key", r => "sk" + "-ant-" + "api03-" + Mixed(r, 86) + "-" + Mixed(r, 6) + "AA"),
        ("anthropic admin", "anthropic_admin_key", r => "sk" + "-ant-" + "admin01-" + Mixed(r, 86) + "-" + Mixed(r, 6) + "AA"),
        ("aws access key id", "aws_access_key_id", r => "AK" + "IA" + From(r, Upper + "234567", 16)),
        ("aws session key id", "aws_access_key_id", r => "AS" + "IA" + From(r, Upper + "234567", 16)),
        ("aws secret access key", "aws_secret_access_key", r => Mixed(r, 18) + "/" + Mixed(r, 10) + "+" + Mixed(r, 10)),
        ("google api key", "google_api_key", r => "AI" + "za" + "Sy" + Mixed(r, 33)),
        ("google oauth token", "google_oauth_token", r => "ya" + "29." + "a0" + Mixed(r, 60) + "-" + Mixed(r, 40)),
        ("azure storage connection string", "azure_storage_account_key",
            r => "DefaultEndpointsProtocol=https;AccountName=acme;Account" + "Key=" + Mixed(r, 86) + "==;EndpointSuffix=core.windows.net"),
        ("azure service bus connection string", "azure_shared_access_key",
            r => "Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccess" + "Key=" + Mixed(r, 43) + "="),
        ("azure sas url", "azure_sas_token",
            r => "https://acme.blob.core.windows.net/c?sv=2022-11-02&sp=r&se=2026-12-01T00%3A00%3A00Z&s" + "ig=" + Mixed(r, 40) + "%3D"),
        ("github classic", "github_token", r => "gh" + "p_" + Mixed(r, 36)),
        ("github oauth", "github_token", r => "gh" + "o_" + Mixed(r, 36)),
        ("github user-to-server", "github_token", r => "gh" + "u_" + Mixed(r, 36)),
        ("github server-to-server", "github_token", r => "gh" + "s_" + Mixed(r, 36)),
        ("github refresh", "github_token", r => "gh" + "r_" + Mixed(r, 36)),
        ("github fine-grained", "github_token", r => "github" + "_pat_" + "11A" + Mixed(r, 19) + "_" + Mixed(r, 59)),
        ("slack bot", "slack_token", r => "xo" + "xb-" + From(r, Digits, 12) + "-" + From(r, Digits, 13) + "-" + Mixed(r, 24)),
        ("slack user", "slack_token", r => "xo" + "xp-" + From(r, Digits, 12) + "-" + From(r, Digits, 13) + "-" + Mixed(r, 32)),
        ("slack app", "slack_token", r => "xo" + "xa-" + "2-" + From(r, Digits, 12) + "-" + Mixed(r, 32)),
        ("slack refresh", "slack_token", r => "xo" + "xr-" + From(r, Digits, 12) + "-" + Mixed(r, 40)),
        ("slack app-level", "slack_token", r => "xa" + "pp-1-" + "A0" + From(r, Upper + Digits, 9) + "-" + From(r, Digits, 13) + "-" + Hex(r, 64)),
        ("slack webhook", "slack_webhook_url",
            r => "https://hooks." + "slack.com/services/T" + From(r, Upper + Digits, 8) + "/B" + From(r, Upper + Digits, 10) + "/" + Mixed(r, 24)),
        ("stripe live", "stripe_secret_key", r => "sk" + "_live_" + Mixed(r, 99)),
        ("stripe restricted", "stripe_secret_key", r => "rk" + "_live_" + Mixed(r, 99)),
        ("jwt", "jwt", Jwt),
        ("pem rsa", "private_key_pem", r => "-----BEGIN " + "RSA PRIVATE KEY-----\n" + Mixed(r, 64) + "\n-----END RSA PRIVATE KEY-----"),
        ("pem openssh", "private_key_pem", r => "-----BEGIN " + "OPENSSH PRIVATE KEY-----\n" + Mixed(r, 70) + "\n-----END OPENSSH PRIVATE KEY-----"),
        ("bearer header", "bearer_token", r => "Bearer " + Mixed(r, 12) + "." + Mixed(r, 20)),
        ("outlay ingest", "outlay_api_key", r => "olk" + "_ingest_" + Base32(r, 12) + "_" + Base32(r, 52)),
        ("outlay read", "outlay_api_key", r => "olk" + "_read_" + Base32(r, 12) + "_" + Base32(r, 52)),
        ("outlay admin", "outlay_api_key", r => "olk" + "_admin_" + Base32(r, 12) + "_" + Base32(r, 52)),
        ("connection string password", "connection_string_password", r => "Host=db.internal;Username=app;Pass" + "word=" + Mixed(r, 16)),
        ("url with password", "url_credentials", r => "postgres://app:" + Mixed(r, 16) + "@db.internal:5432/outlay"),
        ("random base62", "high_entropy_string", r => Mixed(r, 48)),
        ("random base64url", "high_entropy_string", r => Mixed(r, 30) + "_" + Mixed(r, 20) + "-" + Mixed(r, 12)),
        ("random hex 64", "high_entropy_string", r => Hex(r, 64)),
        ("random base32", "high_entropy_string", r => Base32(r, 52)),
    ];

    /// <summary>Case names of <see cref="All"/>, for theories.</summary>
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _, _) in All)
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>The format and a freshly built value of one case (seeded from the case name, so reproducible).</summary>
    public static (string Format, string Value) Build(string caseName)
    {
        var (_, format, build) = All.Single(c => c.Case == caseName);
        var random = new Random(StableSeed(caseName));
        return (format, build(random));
    }

    /// <summary>string.GetHashCode is randomised per process; this is not, so a failure can be reproduced.</summary>
    private static int StableSeed(string text)
    {
        var seed = 17;
        foreach (var c in text)
        {
            seed = unchecked((seed * 31) + c);
        }

        return seed & 0x7FFF_FFFF;
    }

    /// <summary>Random base62 that always mixes upper case, lower case and digits, as real keys do at these lengths.</summary>
    public static string Mixed(Random random, int length)
    {
        var chars = From(random, Base62, length).ToCharArray();
        chars[random.Next(length)] = Upper[random.Next(Upper.Length)];
        chars[random.Next(length)] = Lower[random.Next(Lower.Length)];
        chars[random.Next(length)] = Digits[random.Next(Digits.Length)];
        return new string(chars);
    }

    public static string Hex(Random random, int length) => From(random, "0123456789abcdef", length);

    public static string Base32(Random random, int length) => From(random, Lower + "234567", length);

    private static string From(Random random, string alphabet, int length)
    {
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return builder.ToString();
    }

    private static string Jwt(Random random)
    {
        var header = Base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        var payload = Base64Url("{\"sub\":\"" + Mixed(random, 10) + "\",\"iat\":1763892000}");
        return header + "." + payload + "." + Mixed(random, 43);
    }

    private static string Base64Url(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
