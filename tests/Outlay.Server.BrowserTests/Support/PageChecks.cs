using Microsoft.Playwright;

namespace Outlay.Server.BrowserTests.Support;

/// <summary>Assertions about a loaded dashboard page that hold for every page.</summary>
internal static class PageChecks
{
    /// <summary>The policy the design asks for on dashboard HTML.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Opens <paramref name="path"/>, expects 200 with the strict policy and a render time, and returns the response.</summary>
    public static async Task<IResponse> OpenAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path);
        Assert.NotNull(response);
        Assert.True(response.Status == 200, $"GET {path} answered {response.Status} at {page.Url}");
        var headers = await response.AllHeadersAsync();
        Assert.Equal(ContentSecurityPolicy, headers.GetValueOrDefault("content-security-policy"));
        Assert.Matches(@"^render;dur=\d+(\.\d+)?$", headers.GetValueOrDefault("server-timing") ?? string.Empty);
        await page.Locator("main#main").WaitForAsync();
        return response;
    }

    /// <summary>
    /// No inline script, no <c>style</c> attribute, no <c>on*</c> handler in the DOM (the CSP would block them, so
    /// their presence means a broken page), and the same-origin stylesheet really applied.
    /// </summary>
    public static async Task AssertNoInlineCodeAndStyledAsync(IPage page)
    {
        var inline = await page.EvaluateAsync<string[]>(
            """
            () => {
              const found = [];
              document.querySelectorAll('script:not([src])').forEach(s => found.push('inline <script>'));
              document.querySelectorAll('[style]').forEach(e => found.push('style= on <' + e.tagName.toLowerCase() + '>'));
              document.querySelectorAll('*').forEach(e => {
                for (const a of e.attributes) { if (a.name.startsWith('on')) found.push(a.name + '= on <' + e.tagName.toLowerCase() + '>'); }
              });
              return found;
            }
            """);
        Assert.True(inline.Length == 0, page.Url + ": " + string.Join(", ", inline));
        var rules = await page.EvaluateAsync<int>("() => Array.from(document.styleSheets).reduce((n, s) => n + s.cssRules.length, 0)");
        Assert.True(rules > 0, page.Url + ": the stylesheet did not apply");
    }

    /// <summary>The page at phone width does not scroll sideways (wide tables scroll inside their own wrapper).</summary>
    public static async Task AssertNoHorizontalOverflowAsync(IPage page, int width)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        if (scrollWidth <= width)
        {
            return;
        }

        // Name the elements that stick out (outside any scrolling wrapper), so the failure says what to fix.
        var culprits = await page.EvaluateAsync<string[]>(
            """
            (width) => Array.from(document.querySelectorAll('body *'))
              .filter(e => e.getBoundingClientRect().right > width + 0.5 && !e.closest('.table-scroll'))
              .filter(e => !Array.from(e.children).some(c => c.getBoundingClientRect().right > width + 0.5))
              .slice(0, 5)
              .map(e => '<' + e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? ' class="' + e.className + '"' : '') + '> right=' + Math.round(e.getBoundingClientRect().right))
            """,
            width);
        Assert.Fail($"{page.Url} is {scrollWidth} px wide at a {width} px viewport; sticking out: {string.Join(", ", culprits)}");
    }
}
