using Outlay.Core.Security;

namespace Outlay.Core.Tests.Security;

public sealed class SecretDetectorTests
{
    [Theory]
    [MemberData(nameof(CredentialCases))]
    public void Recognises_each_credential_format(string caseName)
    {
        var (format, value) = FakeCredentials.Build(caseName);

        Assert.Equal(format, SecretDetector.DetectFormat(value));
    }

    [Theory]
    [MemberData(nameof(CredentialCases))]
    public void Recognises_a_credential_embedded_in_other_text(string caseName)
    {
        var (_, value) = FakeCredentials.Build(caseName);

        Assert.NotNull(SecretDetector.DetectFormat("customer acme, key " + value + " (rotated)"));
    }

    [Theory]
    [MemberData(nameof(LegitimateValues))]
    public void Does_not_flag_legitimate_values(string value)
    {
        Assert.Null(SecretDetector.DetectFormat(value));
    }

    [Fact]
    public void Does_not_flag_random_uuids_in_either_form()
    {
        for (var i = 0; i < 1000; i++)
        {
            var id = Guid.NewGuid();
            Assert.Null(SecretDetector.DetectFormat(id.ToString("D")));
            Assert.Null(SecretDetector.DetectFormat(id.ToString("N")));
            Assert.Null(SecretDetector.DetectFormat(Guid.CreateVersion7().ToString("D")));
        }
    }

    [Fact]
    public void Flags_long_random_base62_strings_without_a_known_prefix()
    {
        // Statistical: the generic rule trades a small miss rate for no false positives on identifiers.
        var random = new Random(20261123);
        var missed = 0;
        for (var i = 0; i < 1000; i++)
        {
            missed += SecretDetector.DetectFormat(FakeCredentials.Mixed(random, 40 + random.Next(40))) is null ? 1 : 0;
        }

        Assert.True(missed <= 10, $"{missed} of 1000 random tokens were not flagged");
    }

    [Fact]
    public void Names_a_forty_character_base64_token_as_an_aws_secret_access_key()
    {
        var random = new Random(40);
        var value = FakeCredentials.Mixed(random, 20) + "/" + FakeCredentials.Mixed(random, 19);

        Assert.Equal(CredentialFormats.AwsSecretAccessKey, SecretDetector.DetectFormat(value));
    }

    [Theory]
    [InlineData("sk-")]
    [InlineData("AKIA")]
    [InlineData("ghp_")]
    [InlineData("eyJ")]
    public void A_prefix_inside_a_word_is_not_a_credential(string prefix)
    {
        // "task-..." must not look like "sk-...": a prefix counts only at the start of a token.
        var random = new Random(7);
        var value = "ta" + prefix + FakeCredentials.Hex(random, 8);

        Assert.Null(SecretDetector.DetectFormat(value));
    }

    [Theory]
    [InlineData("sk-learn-pipeline-2024-v2")]
    [InlineData("AKIA-not-a-key")]
    [InlineData("Bearer authentication")]
    [InlineData("password=reset")]
    [InlineData("-----BEGIN CERTIFICATE-----")]
    [InlineData("https://api.openai.com/v1/chat/completions")]
    [InlineData("xoxb-test")]
    public void Prefixes_without_a_credential_body_are_not_flagged(string value)
    {
        Assert.Null(SecretDetector.DetectFormat(value));
    }

    [Fact]
    public void Handles_empty_and_hostile_inputs()
    {
        Assert.Null(SecretDetector.DetectFormat(string.Empty));
        Assert.Null(SecretDetector.DetectFormat((string?)null));

        // Repeated prefixes are the shape that makes naive scanners quadratic; each rule's work per position is
        // bounded, so this completes quickly (no timing assertion: the test would hang, not fail, if it regressed).
        foreach (var unit in new[] { "sk-", "eyJ-", "-----BEGIN ", "Bearer ", "://", "sig=", "AccountKey=", "xoxb-1" })
        {
            var hostile = string.Concat(Enumerable.Repeat(unit, 200_000 / unit.Length));
            _ = SecretDetector.DetectFormat(hostile);
        }
    }

    public static TheoryData<string> CredentialCases() => FakeCredentials.Cases();

    public static TheoryData<string> LegitimateValues() => new()
    {
        // Model ids, including cloud resource forms.
        "gpt-4o-mini-2024-07-18",
        "us.anthropic.claude-3-5-sonnet-20241022-v2:0",
        "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0",
        "ft:gpt-4o-2024-08-06:distillation-test:wordle2:AbCdEf12",
        "claude-sonnet-4-5-20250929",
        "gemini-2.5-flash-preview-05-20",
        "projects/my-project-123456/locations/us-central1/publishers/google/models/gemini-1.5-pro-002",
        "meta-llama/Llama-3.3-70B-Instruct-Turbo",
        "mistralai/Mixtral-8x22B-Instruct-v0.1",
        "accounts/fireworks/models/llama-v3p1-405b-instruct",
        "text-embedding-3-large",

        // Ids and times.
        "01934f1e-8a2b-7c3d-9e4f-0123456789ab",
        "01934f1e8a2b7c3d9e4f0123456789ab",
        "2026-11-23T10:15:02.123Z",
        "2026-11-23T10:15:02.1234567+01:00",
        "da39a3ee5e6b4b0d3255bfef95601890afd80709",
        "tenant_8f14e45fceea167a5a36dedd4bea2543_prod",
        "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
        "resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b",
        "msg_01XFDUDYJgAACzvnptvVoYEL",

        // Hosts, pods, services, labels, customers.
        "checkout-api-7f9c8d6b5-x2x7k",
        "payments-reconciliation-worker-7f9c8d6b5-x2x7k",
        "ip-10-0-12-34.eu-west-1.compute.internal",
        "checkout-api.prod.svc.cluster.local",
        "k8s-prod-eu-west-1-node-group-a-ip-10-20-30-40",
        "openai-prod-2026-03",
        "anthropic-staging-key-2",
        "Acme Corporation GmbH & Co. KG",
        "customer-42-enterprise-tier-2026-renewal-eu-central-1a",
        "MyCompanyProductionServiceAccount2024",
        "WorkflowOrchestrationEngineV2Production2026Q4Release",
        "HTTPRequestHandlerForOpenAIAPIv2ProductionEU",
        "XMLHttpRequestUploadProgressEventHandler2",
        "/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333/resourceGroups/RG-Prod-01/providers/Microsoft.CognitiveServices/accounts/MyOpenAI-EastUS2",
        "eastus2-openai-resource-ptu-deployment-gpt4o-2024",
        "summarize",
        "https://api.example.com/v1/orders?page=2",
        "sha256:9f86d081",
    };
}
