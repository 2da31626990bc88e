using Outlay.Core.Providers;

namespace Outlay.Core.Tests.Providers;

public sealed class SseDataPayloadsTests
{
    [Fact]
    public void Events_comments_and_done_marker_are_skipped()
    {
        var body = ": keep-alive\nevent: a\ndata: {\"n\":1}\n\nid: 7\ndata:{\"n\":2}\r\n\r\ndata: [DONE]\n\n";

        var payloads = SseDataPayloads.Split(body).Select(p => p.ToString()).ToList();

        Assert.Equal(["{\"n\":1}", "{\"n\":2}"], payloads);
    }

    [Fact]
    public void Data_lines_of_one_event_are_joined_with_a_newline()
    {
        var body = "data: {\"n\":\ndata: 3}\n\n";

        Assert.Equal(["{\"n\":\n3}"], SseDataPayloads.Split(body).Select(p => p.ToString()).ToList());
    }

    [Fact]
    public void Data_lines_without_blank_separators_still_split_per_json_object()
    {
        var body = "data: {\"n\":1}\ndata: {\"n\":2}";

        Assert.Equal(["{\"n\":1}", "{\"n\":2}"], SseDataPayloads.Split(body).Select(p => p.ToString()).ToList());
    }

    [Theory]
    [InlineData("data: {}", true)]
    [InlineData("\n  event: x\ndata: {}", true)]
    [InlineData(": comment", true)]
    [InlineData("<html>", false)]
    public void Sse_is_recognised_by_its_first_line(string body, bool expected)
    {
        Assert.Equal(expected, SseDataPayloads.LooksLikeSse(body));
    }
}
