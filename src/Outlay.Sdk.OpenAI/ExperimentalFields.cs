using OpenAI.Chat;

namespace Outlay.Sdk.OpenAI;

/// <summary>
/// The one place that reads SDK properties marked experimental (<c>OPENAI001</c>) in OpenAI 2.14 outside the
/// Responses API: the service tier decides the price (flex and priority differ from default), so it is worth the risk
/// of a rename; a change in a later SDK version breaks the build here, not silently at run time.
/// </summary>
internal static class ExperimentalFields
{
#pragma warning disable OPENAI001 // See the type's summary: the tier is needed to price the call.
    public static string? ServiceTier(ChatCompletion completion) => completion.ServiceTier?.ToString();

    public static string? ServiceTier(StreamingChatCompletionUpdate update) => update.ServiceTier?.ToString();
#pragma warning restore OPENAI001
}
