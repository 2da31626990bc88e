using System.Text.Json;
using Outlay.Core.Providers;
using Outlay.Testing;

namespace Outlay.Core.Tests.Providers;

/// <summary>The adapters report metadata only: no string of a body's message content reaches their output.</summary>
public sealed class ContentPrivacyTests
{
    [Theory]
    [InlineData("fixtures/openai/chat-completions_gpt-4o-mini.json")]
    [InlineData("fixtures/openai/chat-completions_cache-write_gpt-5.6.json")]
    [InlineData("fixtures/anthropic/messages_cache-write_claude-3-5-sonnet.json")]
    [InlineData("fixtures/gemini/generatecontent_gemini-2.5-flash_thoughts.json")]
    [InlineData("fixtures/mistral/chat-completions_mistral-tiny.json")]
    public void Output_strings_are_only_identifiers_never_content(string fixture)
    {
        var body = SharedFixtures.ReadText(fixture);
        var contentStrings = ContentStrings(body);
        Assert.NotEmpty(contentStrings);

        var result = ProviderResponseReader.Read(body);

        string?[] reported = [result.Provider, result.Model, result.Operation, result.ServiceTier, result.ResponseId];
        var printed = result.ToString();
        foreach (var content in contentStrings)
        {
            Assert.DoesNotContain(content, reported);
            Assert.DoesNotContain(content, printed, StringComparison.Ordinal);
        }

        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        Assert.Equal(root.GetProperty(root.TryGetProperty("modelVersion", out _) ? "modelVersion" : "model").GetString(), result.Model);
        Assert.Equal(root.GetProperty(root.TryGetProperty("responseId", out _) ? "responseId" : "id").GetString(), result.ResponseId);
    }

    [Fact]
    public void Stream_output_carries_no_delta_text()
    {
        var body = SharedFixtures.ReadText("fixtures/anthropic/messages_stream_cache-write.sse.txt");

        var printed = ProviderResponseReader.Read(body).ToString();

        Assert.DoesNotContain("OpenLLMetry", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("Here", printed, StringComparison.Ordinal);
    }

    /// <summary>Every non-trivial string value found under a "content" or "text" key of the body.</summary>
    private static List<string> ContentStrings(string body)
    {
        using var document = JsonDocument.Parse(body);
        var found = new List<string>();
        Collect(document.RootElement, insideContent: false, found);
        return found;
    }

    private static void Collect(JsonElement element, bool insideContent, List<string> found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, insideContent || property.NameEquals("content") || property.NameEquals("text"), found);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, insideContent, found);
                }

                break;
            case JsonValueKind.String when insideContent && element.GetString() is { Length: >= 2 } text:
                found.Add(text);
                break;
        }
    }
}
