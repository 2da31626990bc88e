namespace Outlay.Sdk.Diagnostics;

/// <summary>
/// Attribute names that carry prompts, completions, tool payloads, headers or end-user ids in the GenAI conventions
/// and the common dialects. The listener reads an allow-list only; this list stops a user from mapping one of these
/// into a tag by mistake.
/// </summary>
internal static class ContentAttributeNames
{
    private static readonly string[] Prefixes =
    [
        "gen_ai.input.",
        "gen_ai.output.messages",
        "gen_ai.system_instructions",
        "gen_ai.tool.",
        "gen_ai.prompt",
        "gen_ai.completion",
        "gen_ai.retrieval.",
        "gen_ai.event.",
        "gen_ai.content.",
        "gen_ai.evaluation.explanation",
        "gen_ai.headers",
        "gen_ai.user",
        "gen_ai.request.structured_output_schema",
        "llm.",
        "input.value",
        "output.value",
        "ai.prompt",
        "ai.response.text",
    ];

    public static bool IsContent(string attributeName)
    {
        foreach (var prefix in Prefixes)
        {
            if (attributeName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
