namespace Outlay.Core.Telemetry;

/// <summary>
/// The attribute allow-list of OTLP ingest: the only span, log and resource attributes that are ever decoded.
/// Everything else (message content, tool arguments, headers, URLs, user ids, …) is skipped unread.
/// </summary>
public static class GenAiAttributes
{
    public const string OperationName = "gen_ai.operation.name";
    public const string ProviderName = "gen_ai.provider.name";
    public const string LegacySystem = "gen_ai.system";
    public const string OpenInferenceProvider = "llm.provider";
    public const string OpenInferenceSystem = "llm.system";
    public const string OpenInferenceSpanKind = "openinference.span.kind";
    public const string ServerAddress = "server.address";
    public const string ResponseModel = "gen_ai.response.model";
    public const string RequestModel = "gen_ai.request.model";
    public const string OpenInferenceModel = "llm.model_name";
    public const string ResponseId = "gen_ai.response.id";
    public const string ErrorType = "error.type";
    public const string EventName = "event.name";

    public const string InputTokens = "gen_ai.usage.input_tokens";
    public const string PromptTokens = "gen_ai.usage.prompt_tokens";
    public const string OpenInferencePromptTokens = "llm.token_count.prompt";
    public const string OutputTokens = "gen_ai.usage.output_tokens";
    public const string CompletionTokens = "gen_ai.usage.completion_tokens";
    public const string OpenInferenceCompletionTokens = "llm.token_count.completion";
    public const string CacheReadTokens = "gen_ai.usage.cache_read.input_tokens";
    public const string OpenLlmetryCacheReadTokens = "gen_ai.usage.cache_read_input_tokens";
    public const string OpenInferenceCacheReadTokens = "llm.token_count.prompt_details.cache_read";
    public const string CacheWriteTokens = "gen_ai.usage.cache_write.input_tokens";
    public const string CacheCreationTokens = "gen_ai.usage.cache_creation.input_tokens";
    public const string OpenLlmetryCacheCreationTokens = "gen_ai.usage.cache_creation_input_tokens";
    public const string OpenInferenceCacheWriteTokens = "llm.token_count.prompt_details.cache_write";
    public const string ReasoningTokens = "gen_ai.usage.reasoning.output_tokens";
    public const string OpenLlmetryReasoningTokens = "gen_ai.usage.reasoning_tokens";
    public const string OpenLlmetryLegacyReasoningTokens = "llm.usage.reasoning_tokens";
    public const string OpenInferenceReasoningTokens = "llm.token_count.completion_details.reasoning";

    public const string OpenAiResponseServiceTier = "openai.response.service_tier";
    public const string OldOpenAiResponseServiceTier = "gen_ai.openai.response.service_tier";
    public const string OpenAiRequestServiceTier = "openai.request.service_tier";
    public const string OldOpenAiRequestServiceTier = "gen_ai.openai.request.service_tier";

    public const string ServiceName = "service.name";
    public const string DeploymentEnvironmentName = "deployment.environment.name";
    public const string DeploymentEnvironment = "deployment.environment";
    public const string ServiceInstanceId = "service.instance.id";

    /// <summary>The log record event that carries an inference's usage (its content attributes are dropped).</summary>
    public const string InferenceDetailsEvent = "gen_ai.client.inference.operation.details";

    /// <summary>Span and log record attributes that are decoded (besides the configured tag attributes).</summary>
    public static IReadOnlySet<string> Span { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        OperationName, ProviderName, LegacySystem, OpenInferenceProvider, OpenInferenceSystem, OpenInferenceSpanKind,
        ServerAddress, ResponseModel, RequestModel, OpenInferenceModel, ResponseId, ErrorType, EventName,
        InputTokens, PromptTokens, OpenInferencePromptTokens, OutputTokens, CompletionTokens, OpenInferenceCompletionTokens,
        CacheReadTokens, OpenLlmetryCacheReadTokens, OpenInferenceCacheReadTokens,
        CacheWriteTokens, CacheCreationTokens, OpenLlmetryCacheCreationTokens, OpenInferenceCacheWriteTokens,
        ReasoningTokens, OpenLlmetryReasoningTokens, OpenLlmetryLegacyReasoningTokens, OpenInferenceReasoningTokens,
        OpenAiResponseServiceTier, OldOpenAiResponseServiceTier, OpenAiRequestServiceTier, OldOpenAiRequestServiceTier,
    };

    /// <summary>Resource attributes that are decoded.</summary>
    public static IReadOnlySet<string> Resource { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        ServiceName, DeploymentEnvironmentName, DeploymentEnvironment, ServiceInstanceId,
    };
}
