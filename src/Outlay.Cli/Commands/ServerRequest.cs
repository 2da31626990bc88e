using System.Net.Http.Headers;

namespace Outlay.Cli.Commands;

/// <summary>
/// One call of a command to a running server's API (<c>--server</c>): the address checked, the key sent as a bearer
/// token, a non-success answer turned into a one-line error. The key is never printed.
/// </summary>
internal static class ServerRequest
{
    /// <summary>The server address from <c>--server</c>.</summary>
    /// <exception cref="CliUsageException">It is not an http(s) address.</exception>
    public static Uri ParseServer(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new CliUsageException($"--server must be an http(s) address such as http://127.0.0.1:5318 (got '{text}').");

    /// <summary>Sends the request and returns the body of a success answer.</summary>
    /// <exception cref="CliUsageException">The server answered with an error (its problem text is shown, shortened).</exception>
    public static async Task<string> SendAsync(Uri server, string key, HttpMethod method, string pathAndQuery, HttpContent? content, TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = server, Timeout = timeout };
        using var request = new HttpRequestMessage(method, pathAndQuery) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new CliUsageException($"the server answered {(int)response.StatusCode} {response.ReasonPhrase}: {(body.Length <= 300 ? body : body[..300] + "…")}");
        }

        return body;
    }

    /// <summary>The key from <c>--key</c>, else the first set environment variable of <paramref name="variables"/>.</summary>
    /// <exception cref="CliUsageException">None is set.</exception>
    public static string RequireKey(string? option, string kind, params string[] variables)
    {
        var key = option;
        foreach (var variable in variables)
        {
            key = string.IsNullOrEmpty(key) ? Environment.GetEnvironmentVariable(variable) : key;
        }

        return string.IsNullOrEmpty(key)
            ? throw new CliUsageException($"--server needs {kind} key: --key KEY or ${string.Join(" or $", variables)}.")
            : key;
    }
}
