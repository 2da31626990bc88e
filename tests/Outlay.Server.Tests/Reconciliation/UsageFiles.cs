using System.Globalization;

namespace Outlay.Server.Tests.Reconciliation;

/// <summary>Provider usage documents in the documented formats, for import and for the fake admin API.</summary>
internal static class UsageFiles
{
    /// <summary>A UTC day two days back, so ingest accepts its events and the day is complete.</summary>
    public static DateTimeOffset Day { get; } = new(DateTime.UtcNow.Date.AddDays(-2), TimeSpan.Zero);

    public static string DayText(DateTimeOffset day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An OpenAI usage page: one daily bucket, one result grouped by key, project and model.</summary>
    public static string OpenAIPage(DateTimeOffset day, string keyId, long input, long output, bool hasMore = false, string? nextPage = null)
    {
        var start = day.ToUnixTimeSeconds();
        var next = nextPage is null ? "null" : $"\"{nextPage}\"";
        return $$$"""
            {"object":"page","data":[{"object":"bucket","start_time":{{{start}}},"end_time":{{{start + 86400}}},"results":[
              {"object":"organization.usage.completions.result","input_tokens":{{{input}}},"output_tokens":{{{output}}},"num_model_requests":30,
               "project_id":"proj_test","user_id":null,"api_key_id":"{{{keyId}}}","model":"gpt-4o-mini-2024-07-18","batch":false,
               "input_cached_tokens":0,"input_audio_tokens":0,"output_audio_tokens":0}]}],
             "has_more":{{{(hasMore ? "true" : "false")}}},"next_page":{{{next}}}}
            """;
    }

    /// <summary>An Anthropic usage report page for one day and key.</summary>
    public static string AnthropicPage(DateTimeOffset day, string keyId, long uncachedInput, long output, bool hasMore = false, string? nextPage = null)
    {
        var next = nextPage is null ? "null" : $"\"{nextPage}\"";
        return $$$"""
            {"data":[{"starting_at":"{{{DayText(day)}}}T00:00:00Z","ending_at":"{{{DayText(day.AddDays(1))}}}T00:00:00Z","results":[{
              "api_key_id":"{{{keyId}}}","workspace_id":"wrkspc_test","model":"claude-sonnet-4-20250514","service_tier":"standard","context_window":"0-200k",
              "uncached_input_tokens":{{{uncachedInput}}},"cache_read_input_tokens":0,
              "cache_creation":{"ephemeral_1h_input_tokens":0,"ephemeral_5m_input_tokens":0},
              "output_tokens":{{{output}}},"server_tool_use":{"web_search_requests":0}}]}],
             "has_more":{{{(hasMore ? "true" : "false")}}},"next_page":{{{next}}}}
            """;
    }
}
