using System.Security.Cryptography;
using System.Text;
using Outlay.Core.Security;

namespace Outlay.Server.Tests.Secrets;

/// <summary>
/// Realistic-looking but fake credentials, one per format a leak is likely to carry, generated fresh for each run
/// from random bytes so no secret scanner ever finds one committed in this repository. Each has a 16-character
/// <see cref="Canary.Core"/> cut from its random part: a search for it also finds a canary that was truncated,
/// re-encoded in part or split across lines.
/// </summary>
internal static class CanaryCredentials
{
    private const string Base62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string Base64Url = Base62 + "-_";
    private const string UpperAlphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string Hex = "0123456789abcdef";

    /// <summary>A fake credential: a short name for messages, the value, the format the tripwire should name, and a distinctive part of it.</summary>
    internal sealed record Canary(string Name, string Value, string Format, string Core)
    {
        /// <summary>The name only: a canary's value must never reach a test log either.</summary>
        public override string ToString() => Name;
    }

    /// <summary>The whole set, new random bodies on every call.</summary>
    public static IReadOnlyList<Canary> Create()
    {
        var jwtHeader = Base64UrlText("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        var jwtPayload = Base64UrlText("{\"sub\":\"" + Random(Base62, 12) + "\",\"name\":\"canary\",\"iat\":1732406400}");
        var pemBody = Convert.ToBase64String(RandomNumberGenerator.GetBytes(96));
        var awsSecret = MixedBase62(20) + "/" + MixedBase62(19);
        var azureStorageKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        return
        [
            Make("openai", "sk-" + "proj-" + MixedBase62(48), CredentialFormats.OpenAiApiKey),
            Make("anthropic", "sk-" + "ant-api03-" + Random(Base64Url, 93) + "AA", CredentialFormats.AnthropicApiKey),
            Make("aws-access-key-id", "AK" + "IA" + Random(UpperAlphanumeric, 16), CredentialFormats.AwsAccessKeyId),
            Make("aws-secret-access-key", awsSecret, CredentialFormats.AwsSecretAccessKey),
            Make("google", "AI" + "za" + Random(Base64Url, 35), CredentialFormats.GoogleApiKey),
            Make("azure-storage", "DefaultEndpointsProtocol=https;AccountName=canary;AccountKey=" + azureStorageKey + ";EndpointSuffix=core.windows.net", CredentialFormats.AzureStorageAccountKey, azureStorageKey),
            Make("azure-storage-bare", azureStorageKey.Replace(azureStorageKey[..16], Random(Base62, 16), StringComparison.Ordinal), CredentialFormats.HighEntropyString),
            Make("azure-openai", "api-key: " + Random(Hex, 32), CredentialFormats.AzureOpenAiKey),
            Make("github-classic", "gh" + "p_" + Random(Base62, 36), CredentialFormats.GitHubToken),
            Make("github-fine-grained", "github" + "_pat_" + Random(Base62, 22) + "_" + Random(Base62, 59), CredentialFormats.GitHubToken),
            Make("slack", "xo" + "xb-" + Random("0123456789", 12) + "-" + Random("0123456789", 13) + "-" + Random(Base62, 24), CredentialFormats.SlackToken),
            Make("jwt", jwtHeader + "." + jwtPayload + "." + Random(Base64Url, 43), CredentialFormats.Jwt, jwtPayload),
            Make("pem", "-----BEGIN " + "RSA PRIVATE KEY-----\n" + pemBody + "\n-----END RSA PRIVATE KEY-----", CredentialFormats.PrivateKeyPem, pemBody),
        ];
    }

    private static Canary Make(string name, string value, string format, string? randomPart = null)
    {
        var source = randomPart ?? value;
        var start = source.Length / 2 - 8;
        return new Canary(name, value, format, source.Substring(start, 16));
    }

    private static string Random(string alphabet, int length) => RandomNumberGenerator.GetString(alphabet, length);

    /// <summary>A body with upper case, lower case and digits, as real provider keys always have.</summary>
    private static string MixedBase62(int length)
    {
        while (true)
        {
            var body = Random(Base62, length);
            if (body.Any(char.IsAsciiLetterUpper) && body.Any(char.IsAsciiLetterLower) && body.Any(char.IsAsciiDigit))
            {
                return body;
            }
        }
    }

    private static string Base64UrlText(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
