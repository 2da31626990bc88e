using System.Diagnostics;

namespace Outlay.Sdk.Diagnostics.Tests.Support;

/// <summary>Source names of the real emitters, and a shorthand to start an activity with tags.</summary>
internal static class Spans
{
    public const string MeaiSource = "Experimental.Microsoft.Extensions.AI";
    public const string OpenAiSource = "OpenAI.ChatClient";

    public static Activity Start(ActivitySource source, params (string Key, object? Value)[] tags)
    {
        var activity = source.StartActivity("chat", ActivityKind.Client);
        Assert.NotNull(activity);
        foreach (var (key, value) in tags)
        {
            activity.SetTag(key, value);
        }

        return activity;
    }

    /// <summary>A finished chat call as Microsoft.Extensions.AI would tag it.</summary>
    public static (string, object?)[] Chat(string model, int input, int output, string? responseId = null) =>
    [
        ("gen_ai.operation.name", "chat"),
        ("gen_ai.provider.name", "openai"),
        ("gen_ai.request.model", model),
        ("gen_ai.response.model", model),
        ("gen_ai.response.id", responseId),
        ("gen_ai.usage.input_tokens", input),
        ("gen_ai.usage.output_tokens", output),
    ];
}
