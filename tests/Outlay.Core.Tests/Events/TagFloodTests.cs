using System.Text;

namespace Outlay.Core.Tests.Events;

/// <summary>An event with far more tags than allowed, as an ingest key holder could send within the body limit.</summary>
public sealed class TagFloodTests
{
    [Fact]
    public void Tags_beyond_the_limit_are_refused_without_being_collected()
    {
        const int tags = 200_000;
        var body = new StringBuilder("""{"id":"01934f1e-8a2b-7c3d-9e4f-0123456789ab","timestamp":"2026-11-23T10:15:02.123Z","provider":"openai","model":"gpt-4o","usage":{"input_tokens":1,"output_tokens":1},"tags":{""");
        for (var i = 0; i < tags; i++)
        {
            body.Append(i == 0 ? string.Empty : ",").Append("\"k").Append(i).Append("\":\"v\"");
        }

        var json = body.Append("}}").ToString();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var rejection = EventJson.RejectOneRaw(json);
        var allocatedPerTag = (GC.GetAllocatedBytesForCurrentThread() - before) / tags;

        Assert.Contains("tags: must have at most 24 entries", rejection.Error, StringComparison.Ordinal);

        // The body's own bytes are ~13 per tag; collecting each tag (strings, dictionary entry, field names) cost ~300.
        Assert.True(allocatedPerTag < 100, $"allocated {allocatedPerTag} bytes per tag");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_credential_in_a_tag_beyond_the_limit_is_still_found(bool asKey)
    {
        var (format, secret) = Security.FakeCredentials.Build("openai legacy");
        var tags = new System.Text.Json.Nodes.JsonObject();
        for (var i = 0; i < 30; i++)
        {
            tags["k" + i] = "v";
        }

        if (asKey)
        {
            tags[secret] = "v";
        }
        else
        {
            tags["k30"] = secret;
        }

        var e = EventJson.Valid();
        e["tags"] = tags;

        var rejection = EventJson.RejectOne(e);

        Assert.Equal(format, rejection.Secret?.Format);
        Assert.DoesNotContain(secret, rejection.Error, StringComparison.Ordinal);
    }
}
