namespace Outlay.Sdk.Diagnostics;

/// <summary>
/// Maps <c>gen_ai.operation.name</c> to an Outlay operation. Only inference operations map; tool, agent, workflow and
/// orchestration spans (<c>execute_tool</c>, <c>invoke_agent</c>, <c>create_agent</c>, <c>orchestrate_tools</c>, …)
/// wrap calls that are recorded on their own and are ignored.
/// </summary>
internal static class GenAiOperations
{
    private static readonly Dictionary<string, string> Inference = new(StringComparer.OrdinalIgnoreCase)
    {
        ["chat"] = "chat",
        ["generate_content"] = "chat",
        ["chat.completions"] = "chat",   // older Semantic Kernel
        ["complete"] = "chat",           // one Azure.AI.Inference version
        ["text_completion"] = "completion",
        ["text.completions"] = "completion",
        ["embeddings"] = "embeddings",
    };

    /// <summary>The Outlay operation, or null when the span is not an inference call.</summary>
    public static string? ToOutlayOperation(string? operationName, string? openAiApiType)
    {
        if (operationName is null || !Inference.TryGetValue(operationName, out var operation))
        {
            return null;
        }

        // Microsoft.Extensions.AI names Responses API calls "chat" and says which API in openai.api.type.
        return operation == "chat" && string.Equals(openAiApiType, "responses", StringComparison.OrdinalIgnoreCase) ? "responses" : operation;
    }
}
