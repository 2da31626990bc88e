using System.Globalization;
using System.Net.Http.Headers;

namespace Outlay.Server.Reconciliation;

/// <summary>
/// The requests of the two providers' admin usage APIs: daily buckets grouped by key, model and project (or workspace)
/// and tier, 31 buckets a page, following the <c>next_page</c> cursor.
/// </summary>
internal static class AdminUsageRequests
{
    /// <summary>The Anthropic API version the usage report is read with.</summary>
    public const string AnthropicVersion = "2023-06-01";

    /// <summary>The page address for <paramref name="provider"/> from <paramref name="start"/>, or the page after <paramref name="cursor"/>.</summary>
    public static Uri PageUri(string provider, Uri baseUrl, DateTimeOffset start, string? cursor)
    {
        var root = baseUrl.AbsoluteUri.TrimEnd('/');
        var page = cursor is null ? string.Empty : "&page=" + Uri.EscapeDataString(cursor);
        return provider switch
        {
            "openai" => new Uri(
                root + "/v1/organization/usage/completions?start_time=" + start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)
                + "&bucket_width=1d&group_by=api_key_id&group_by=model&group_by=project_id&group_by=batch&limit=31" + page),
            "anthropic" => new Uri(
                root + "/v1/organizations/usage_report/messages?starting_at="
                + Uri.EscapeDataString(start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
                + "&bucket_width=1d&group_by%5B%5D=api_key_id&group_by%5B%5D=model&group_by%5B%5D=workspace_id&group_by%5B%5D=service_tier&limit=31" + page),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), "Only openai and anthropic have an admin usage API here."),
        };
    }

    /// <summary>Puts the key in the provider's header; the request is never logged.</summary>
    public static void Authorize(HttpRequestMessage request, string provider, AdminApiKey key)
    {
        if (provider == "openai")
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.Reveal());
        }
        else
        {
            request.Headers.TryAddWithoutValidation("x-api-key", key.Reveal());
            request.Headers.TryAddWithoutValidation("anthropic-version", AnthropicVersion);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }
}
