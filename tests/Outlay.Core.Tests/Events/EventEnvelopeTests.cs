using System.Text;
using System.Text.Json.Nodes;
using Outlay.Core.Events;
using Outlay.Core.Tests.Security;

namespace Outlay.Core.Tests.Events;

/// <summary>Malformed bodies refuse the whole batch with a message that is safe to return and names the problem.</summary>
public sealed class EventEnvelopeTests
{
    [Theory]
    [InlineData("", "the body is not valid JSON")]
    [InlineData("   ", "the body is not valid JSON")]
    [InlineData("not json", "the body is not valid JSON (line 1, byte ")]
    [InlineData("{\"events\":[}", "the body is not valid JSON")]
    [InlineData("{\"events\":[]} {}", "the body is not valid JSON")]
    [InlineData("{\"events\":[],}", "the body is not valid JSON")]
    [InlineData("{\"events\":[] /* c */}", "the body is not valid JSON")]
    [InlineData("[]", "the body must be a JSON object with an 'events' array")]
    [InlineData("\"events\"", "the body must be a JSON object")]
    [InlineData("{}", "the body has no 'events' array")]
    [InlineData("{\"dropped\":{}}", "the body has no 'events' array")]
    [InlineData("{\"events\":{}}", "'events' must be an array")]
    [InlineData("{\"events\":null}", "'events' must be an array")]
    [InlineData("{\"events\":[],\"events\":[]}", "'events' appears more than once")]
    [InlineData("{\"events\":[],\"batch_id\":\"x\"}", "unknown field 'batch_id' in the body; allowed are 'events' and 'dropped'")]
    [InlineData("{\"events\":[],\"dropped\":3}", "'dropped' must be an object")]
    [InlineData("{\"events\":[],\"dropped\":{\"queue_full\":-1}}", "'dropped.queue_full' must be a non-negative integer")]
    [InlineData("{\"events\":[],\"dropped\":{\"send_failed\":\"2\"}}", "'dropped.send_failed' must be a non-negative integer")]
    [InlineData("{\"events\":[],\"dropped\":{\"send_failed\":1.5}}", "'dropped.send_failed' must be a non-negative integer")]
    [InlineData("{\"events\":[],\"dropped\":{\"lost\":1}}", "'dropped' has an unknown field")]
    [InlineData("{\"events\":[],\"dropped\":{\"queue_full\":1,\"queue_full\":2}}", "'dropped.queue_full' appears more than once")]
    [InlineData("{\"events\":[],\"dropped\":{},\"dropped\":{}}", "'dropped' appears more than once")]
    public void Malformed_envelopes_are_refused_whole(string body, string message)
    {
        var exception = Assert.Throws<EventBatchFormatException>(() => EventJson.Parse(body));

        Assert.StartsWith(message, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_events_than_the_limit_refuse_the_batch()
    {
        var limits = new EventLimits { MaxEventsPerBatch = 3 };
        var events = string.Join(",", Enumerable.Range(0, 4).Select(_ => EventJson.Minimal().ToJsonString()));

        var exception = Assert.Throws<EventBatchFormatException>(() => EventJson.Parse("{\"events\":[" + events + "]}", limits));

        Assert.Equal("the batch has more than 3 events; send at most 3 per request", exception.Message);
        Assert.True(exception.TooManyEvents);
    }

    [Fact]
    public void Exactly_the_limit_is_accepted()
    {
        var limits = new EventLimits { MaxEventsPerBatch = 3 };
        var events = string.Join(",", Enumerable.Range(0, 3).Select(_ => EventJson.Minimal().ToJsonString()));

        Assert.Equal(3, EventJson.Parse("{\"events\":[" + events + "]}", limits).Events.Count);
    }

    [Fact]
    public void The_default_limit_is_one_thousand_events()
    {
        var events = string.Join(",", Enumerable.Range(0, 1001).Select(_ => "1"));

        var exception = Assert.Throws<EventBatchFormatException>(() => EventJson.Parse("{\"events\":[" + events + "]}"));

        Assert.Contains("more than 1000 events", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_refuses_the_batch()
    {
        var deep = new string('[', 50) + new string(']', 50);
        var json = EventJson.Minimal().ToJsonString()[..^1] + ",\"tags\":{\"x\":" + deep + "}}";

        var exception = Assert.Throws<EventBatchFormatException>(() => EventJson.Parse("{\"events\":[" + json + "]}"));

        Assert.Equal("the body is nested more than 8 levels deep", exception.Message);
    }

    [Fact]
    public void Nesting_within_the_limit_is_judged_per_event()
    {
        var json = EventJson.Valid();
        json["tags"]!["feature"] = new JsonObject { ["a"] = new JsonObject { ["b"] = new JsonArray(1) } };

        Assert.Equal("tags.feature: must be a string", EventJson.RejectOne(json).Error);
    }

    [Fact]
    public void Invalid_utf8_refuses_the_batch()
    {
        var before = Encoding.UTF8.GetBytes("{\"events\":[{\"model\":\"");
        var after = Encoding.UTF8.GetBytes("\"}]}");
        byte[] body = [.. before, 0xC3, 0x28, .. after];

        var exception = Assert.Throws<EventBatchFormatException>(() => EventBatchParser.Parse(body, EventJson.Now));

        Assert.Contains("UTF-8", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_envelope_field_names_are_not_echoed_when_they_look_like_credentials()
    {
        var (_, secret) = FakeCredentials.Build("slack bot");

        var exception = Assert.Throws<EventBatchFormatException>(() => EventJson.Parse("{\"events\":[],\"" + secret + "\":1}"));

        Assert.Equal("unknown field in the body; allowed are 'events' and 'dropped'", exception.Message);
    }

    [Fact]
    public void Syntax_errors_do_not_quote_the_body()
    {
        var marker = "zq" + Guid.NewGuid().ToString("N")[..8];

        var exception = Assert.Throws<EventBatchFormatException>(() => EventJson.Parse("{\"events\":[" + marker + "]}"));

        Assert.DoesNotContain(marker, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(marker[..1], exception.Message[(exception.Message.IndexOf('(', StringComparison.Ordinal))..], StringComparison.Ordinal);
        Assert.Null(exception.InnerException);
    }
}
