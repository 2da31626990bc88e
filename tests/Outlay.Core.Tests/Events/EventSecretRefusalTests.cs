using System.Text.Json.Nodes;
using Outlay.Core.Events;
using Outlay.Core.Tests.Security;

namespace Outlay.Core.Tests.Events;

/// <summary>The tripwire inside the parser: a credential anywhere refuses the event and is never echoed.</summary>
public sealed class EventSecretRefusalTests
{
    public static TheoryData<string> CredentialCases() => FakeCredentials.Cases();

    [Theory]
    [MemberData(nameof(CredentialCases))]
    public void A_credential_in_a_tag_value_refuses_the_event_without_echoing_it(string caseName)
    {
        var (format, secret) = FakeCredentials.Build(caseName);
        var json = EventJson.Valid();
        json["tags"]!["customer"] = secret;

        var rejection = EventJson.RejectOne(json);

        Assert.Equal(new DetectedSecret("tags.customer", format), rejection.Secret);
        Assert.Equal(
            $"tags.customer: value looks like a credential ({format}); the event was refused and the value was not stored",
            rejection.Error);
        AssertNotEchoed(secret, rejection);
    }

    [Theory]
    [MemberData(nameof(StringFields))]
    public void Every_string_field_is_screened(string field)
    {
        var (format, secret) = FakeCredentials.Build("openai project");
        var json = EventJson.Valid();
        json[field] = secret;

        var rejection = EventJson.RejectOne(json);

        Assert.Equal(new DetectedSecret(field, format), rejection.Secret);
        AssertNotEchoed(secret, rejection);
    }

    public static TheoryData<string> StringFields() =>
        new("id", "timestamp", "provider", "model", "operation", "service_tier", "status", "service", "environment", "instance", "key_label");

    [Fact]
    public void A_tag_key_that_is_a_credential_is_named_by_position()
    {
        var (format, secret) = FakeCredentials.Build("outlay ingest");
        var json = EventJson.Valid();
        json["tags"]![secret] = "x";

        var rejection = EventJson.RejectOne(json);

        Assert.Equal(new DetectedSecret("tags (key #3)", format), rejection.Secret);
        AssertNotEchoed(secret, rejection);
    }

    [Fact]
    public void A_credential_under_an_unknown_field_or_inside_a_wrong_type_is_still_found()
    {
        var (_, secret) = FakeCredentials.Build("anthropic api");
        var unknown = EventJson.Valid();
        unknown["api_key"] = secret;
        var unknownName = EventJson.Valid();
        unknownName[secret] = 1;
        var nested = EventJson.Valid();
        nested["tags"]!["feature"] = new JsonObject { ["deep"] = new JsonArray(secret) };
        var wrongType = EventJson.Valid();
        wrongType["usage"] = new JsonArray("x", secret);

        var batch = EventJson.Parse(unknown, unknownName, nested, wrongType);

        Assert.Empty(batch.Events);
        Assert.Equal(
            ["api_key", "an unknown field name", "tags.feature", "usage"],
            batch.Rejections.Select(r => r.Secret?.Field));
        Assert.All(batch.Rejections, r => AssertNotEchoed(secret, r));
    }

    [Fact]
    public void A_credential_outranks_an_earlier_validation_error()
    {
        // The finding matters more than the first error: it must reach the security log.
        var (format, secret) = FakeCredentials.Build("github classic");
        var json = EventJson.Valid();
        json["model"] = string.Empty;
        json["environment"] = secret;

        var rejection = EventJson.RejectOne(json);

        Assert.Equal(new DetectedSecret("environment", format), rejection.Secret);
        Assert.Null(rejection.Environment);
        Assert.StartsWith("environment: value looks like a credential", rejection.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_credential_in_an_over_long_value_is_still_reported_as_a_credential()
    {
        var (format, secret) = FakeCredentials.Build("pem rsa");
        var json = EventJson.Valid();
        json["tags"]!["feature"] = secret + new string('x', 200);

        Assert.Equal(format, EventJson.RejectOne(json).Secret?.Format);
    }

    [Fact]
    public void Legitimate_values_in_every_field_are_accepted()
    {
        var json = EventJson.Valid();
        json["provider"] = "bedrock";
        json["model"] = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0";
        json["instance"] = "checkout-api-7f9c8d6b5-x2x7k";
        json["key_label"] = "openai-prod-2026-03";
        json["tags"]!["request"] = "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT";
        json["tags"]!["trace"] = Guid.NewGuid().ToString("N");
        json["tags"]!["commit"] = "da39a3ee5e6b4b0d3255bfef95601890afd80709";

        var e = EventJson.AcceptOne(json);

        Assert.Equal("checkout-api-7f9c8d6b5-x2x7k", e.Instance);
    }

    private static void AssertNotEchoed(string secret, EventRejection rejection)
    {
        // The whole secret, and any 12-character piece of it, must be absent from everything the rejection carries.
        var carried = string.Join("\n", rejection.Error, rejection.Id, rejection.Secret?.Field, rejection.Secret?.Format, rejection.Service, rejection.Environment, rejection.ToString());
        Assert.DoesNotContain(secret, carried, StringComparison.Ordinal);
        for (var i = 0; i + 12 <= secret.Length; i += 6)
        {
            Assert.DoesNotContain(secret.Substring(i, 12), carried, StringComparison.Ordinal);
        }
    }
}
