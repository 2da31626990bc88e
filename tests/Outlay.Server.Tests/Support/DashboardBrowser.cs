using System.Net;
using System.Text.RegularExpressions;

namespace Outlay.Server.Tests.Support;

/// <summary>
/// A minimal browser for dashboard tests: an HttpClient with its own cookie jar and no automatic redirects, that can
/// sign in with a key, fetch pages, remember the CSRF token of the last page it read, and post forms.
/// </summary>
internal sealed partial class DashboardBrowser : IDisposable
{
    private readonly HttpClientHandler _handler;

    public DashboardBrowser(RunningServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        Cookies = new CookieContainer();
        _handler = new HttpClientHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false };
        Http = new HttpClient(_handler) { BaseAddress = server.BaseAddress };
    }

    public CookieContainer Cookies { get; }

    public HttpClient Http { get; }

    /// <summary>The <c>_csrf</c> value of the last page read through <see cref="GetPageAsync"/> or <see cref="GetHtmlAsync"/>.</summary>
    public string? CsrfToken { get; private set; }

    /// <summary>The session cookie's value (plain-HTTP name), or null when signed out.</summary>
    public string? SessionCookie => Cookies.GetCookies(Http.BaseAddress!)["outlay_session"]?.Value;

    /// <summary>Loads the sign-in form and posts <paramref name="key"/>; returns the answer (303 on success).</summary>
    public async Task<HttpResponseMessage> SignInAsync(string key, string? returnPath = null)
    {
        var form = await GetHtmlAsync(returnPath is null ? "/signin" : "/signin?return=" + Uri.EscapeDataString(returnPath));
        var fields = new Dictionary<string, string>
        {
            ["_csrf"] = ReadCsrfToken(form) ?? throw new InvalidOperationException("The sign-in page has no _csrf field."),
            ["return"] = ReadHiddenField(form, "return") ?? "/",
            ["key"] = key,
        };
        return await PostFormAsync("/signin", fields);
    }

    /// <summary>Signs in and asserts it worked (303 to a local path).</summary>
    public async Task SignInOrFailAsync(string key)
    {
        using var response = await SignInAsync(key);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.SeeOther, $"sign-in answered {(int)response.StatusCode}: {text}");
    }

    /// <summary>GETs a page (redirects are returned, not followed) and remembers its CSRF token, if any.</summary>
    public async Task<HttpResponseMessage> GetPageAsync(string path)
    {
        var response = await Http.GetAsync(path, TestContext.Current.CancellationToken);
        await response.Content.LoadIntoBufferAsync(TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        CsrfToken = ReadCsrfToken(text) ?? CsrfToken;
        return response;
    }

    /// <summary>GETs a page, asserts 200 and returns its HTML.</summary>
    public async Task<string> GetHtmlAsync(string path)
    {
        using var response = await GetPageAsync(path);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return text;
    }

    /// <summary>Posts exactly <paramref name="fields"/> as a URL-encoded form (add <c>_csrf</c> yourself, e.g. from <see cref="CsrfToken"/>).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        await response.Content.LoadIntoBufferAsync(TestContext.Current.CancellationToken);
        return response;
    }

    /// <summary>Posts <paramref name="fields"/> plus the remembered CSRF token.</summary>
    public Task<HttpResponseMessage> PostWithCsrfAsync(string path, params (string Name, string Value)[] fields)
    {
        var all = fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).ToList();
        all.Add(KeyValuePair.Create("_csrf", CsrfToken ?? throw new InvalidOperationException("Read a signed-in page first.")));
        return PostFormAsync(path, all);
    }

    public static string? ReadCsrfToken(string html) => ReadHiddenField(html, "_csrf");

    /// <summary>The (HTML-decoded) value of the first hidden input named <paramref name="name"/>.</summary>
    public static string? ReadHiddenField(string html, string name)
    {
        foreach (Match match in HiddenInput().Matches(html))
        {
            if (match.Groups["name"].Value == name)
            {
                return WebUtility.HtmlDecode(match.Groups["value"].Value);
            }
        }

        return null;
    }

    public void Dispose()
    {
        Http.Dispose();
        _handler.Dispose();
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex HiddenInput();
}
