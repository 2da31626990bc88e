namespace Outlay.Sdk.Diagnostics;

/// <summary>The allow-list: the only activity tags the listener reads, old and new convention names.</summary>
internal static class GenAiAttributes
{
    public const string OperationName = "gen_ai.operation.name";
    public const string ProviderName = "gen_ai.provider.name";
    public const string System = "gen_ai.system";
    public const string ServerAddress = "server.address";
    public const string ResponseModel = "gen_ai.response.model";
    public const string RequestModel = "gen_ai.request.model";
    public const string ResponseId = "gen_ai.response.id";
    public const string InputTokens = "gen_ai.usage.input_tokens";
    public const string PromptTokens = "gen_ai.usage.prompt_tokens";
    public const string OutputTokens = "gen_ai.usage.output_tokens";
    public const string CompletionTokens = "gen_ai.usage.completion_tokens";
    public const string CacheReadTokens = "gen_ai.usage.cache_read.input_tokens";
    public const string CacheCreationTokens = "gen_ai.usage.cache_creation.input_tokens";
    public const string CacheWriteTokens = "gen_ai.usage.cache_write.input_tokens";
    public const string ReasoningTokens = "gen_ai.usage.reasoning.output_tokens";
    public const string ServiceTier = "openai.response.service_tier";
    public const string OldServiceTier = "gen_ai.openai.response.service_tier";
    public const string OpenAiApiType = "openai.api.type";
    public const string ErrorType = "error.type";
}
