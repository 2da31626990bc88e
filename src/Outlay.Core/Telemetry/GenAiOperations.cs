using Outlay.Core.Events;

namespace Outlay.Core.Telemetry;

/// <summary>Which operations are model calls that cost tokens, and their v1 <c>operation</c>.</summary>
internal static class GenAiOperations
{
    /// <summary>The v1 operation of an inference <c>gen_ai.operation.name</c>; null for everything else (tools, agents, workflows, retrieval).</summary>
    public static string? FromOperationName(string name) => name.Trim() switch
    {
        "chat" or "generate_content" => Operations.Chat,
        "text_completion" => Operations.Completion,
        "embeddings" => Operations.Embeddings,
        _ => null,
    };

    /// <summary>The v1 operation of an OpenInference span kind; null for AGENT, TOOL, CHAIN, RETRIEVER, ….</summary>
    public static string? FromOpenInferenceKind(string kind) => kind.Trim().ToUpperInvariant() switch
    {
        "LLM" => Operations.Chat,
        "EMBEDDING" => Operations.Embeddings,
        _ => null,
    };
}
