using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Outlay.LoadTest.Dashboard;

/// <summary>
/// Signs in through the real <c>/signin</c> form (its CSRF field and cookie included) and times dashboard pages:
/// the server's own render time from <c>Server-Timing: render;dur=…</c>, the client's round trip (request sent to body read),
/// and the process's CPU time per request (server and client share this process).
/// </summary>
internal static partial class PageTimer
{
    /// <summary>Stop measuring one page after this much time (at least five samples are taken anyway).</summary>
    private static readonly TimeSpan BudgetPerPage = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(Uri server, string readKey, int warmUp, int measured, TextWriter output, CancellationToken ct)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = server,
            Timeout = TimeSpan.FromMinutes(2),
        };

        if (!await SignInAsync(http, cookies, server, readKey, output, ct).ConfigureAwait(false))
        {
            return;
        }

        IReadOnlyList<(string Name, string Path)> pages =
        [
            ("GET / (overview, UTC, day chart)", "/?tz=UTC"),
            ("GET /?chart=hour (overview, 48h hourly chart)", "/?chart=hour&tz=UTC"),
            ("GET /?tz=Europe/Berlin (overview, local days)", "/?tz=Europe%2FBerlin"),
            .. BenchQueries.Explore().Select(q => ("GET /explore " + q.Name["explore: ".Length..], "/explore?" + q.ExploreQueryString())),
        ];

        output.WriteLine(Invariant($"Dashboard pages over HTTP ({warmUp} warm-up + up to {measured} measured each, about {BudgetPerPage.TotalSeconds:0} s at most, one at a time, loopback; {MachineLoad.Describe()}):"));
        output.WriteLine(Invariant($"{"page",-58} {"server render ms (Server-Timing)",-28}  {"client round trip ms",-26}  {"process CPU ms",14}"));
        output.WriteLine(Invariant($"{"",-58} {"p50",8} {"p95",8} {"max",8}    {"p50",8} {"p95",8} {"max",8}    {"p50",8}"));
        foreach (var (name, path) in pages)
        {
            var rendered = new List<double>(measured);
            var client = new List<double>(measured);
            var cpu = new List<double>(measured);
            var missingTiming = false;
            var spent = Stopwatch.StartNew();
            for (var i = 0; i < warmUp + measured; i++)
            {
                if (spent.Elapsed > BudgetPerPage && client.Count >= 5)
                {
                    break;
                }

                var cpuBefore = Environment.CpuUsage.TotalTime;
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(new Uri(path, UriKind.Relative), ct).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                var roundTrip = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var cpuMs = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    output.WriteLine(Invariant($"{name,-58} HTTP {(int)response.StatusCode} ({body.Length} bytes): skipped"));
                    goto next;
                }

                if (i < warmUp && spent.Elapsed < BudgetPerPage)
                {
                    continue;
                }

                client.Add(roundTrip);
                cpu.Add(cpuMs);
                if (RenderDuration(response) is { } render)
                {
                    rendered.Add(render);
                }
                else
                {
                    missingTiming = true;
                }
            }

            output.WriteLine(Invariant($"{name,-58} {(missingTiming ? "   (no Server-Timing header)   " : new LatencySummary(rendered).Text())}    {new LatencySummary(client).Text()}    {new LatencySummary(cpu).P50,8:0.0}  n={client.Count}"));
        next:;
        }

        output.WriteLine(MachineLoad.Describe());
    }

    private static async Task<bool> SignInAsync(HttpClient http, CookieContainer cookies, Uri server, string readKey, TextWriter output, CancellationToken ct)
    {
        using var form = await http.GetAsync(new Uri("/signin", UriKind.Relative), ct).ConfigureAwait(false);
        var html = await form.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (form.StatusCode != HttpStatusCode.OK)
        {
            output.WriteLine(Invariant($"GET /signin answered HTTP {(int)form.StatusCode}: the dashboard sign-in is not available in this build, so page timing is skipped."));
            return false;
        }

        var csrf = CsrfField().Match(html);
        var fields = new List<KeyValuePair<string, string>> { new("key", readKey) };
        if (csrf.Success)
        {
            fields.Add(new("_csrf", WebUtility.HtmlDecode(csrf.Groups["value"].Value)));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/signin", UriKind.Relative)) { Content = new FormUrlEncodedContent(fields) };
        // A browser posting the form sends its own origin; the dashboard refuses cross-site posts.
        request.Headers.Add("Origin", server.GetLeftPart(UriPartial.Authority));
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var answer = await http.SendAsync(request, ct).ConfigureAwait(false);
        var signedIn = answer.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found
            && answer.Headers.Location is { } location && !location.OriginalString.Contains("signin", StringComparison.Ordinal)
            && cookies.GetCookies(server).Count > 0;
        if (!signedIn)
        {
            output.WriteLine(Invariant($"POST /signin answered HTTP {(int)answer.StatusCode}: could not sign in with the read key, so page timing is skipped."));
            return false;
        }

        output.WriteLine(Invariant($"signed in through POST /signin with a read key (→ {(int)answer.StatusCode} {answer.Headers.Location})"));
        return true;
    }

    /// <summary>The <c>render</c> metric of <c>Server-Timing</c> in milliseconds, or null when absent.</summary>
    private static double? RenderDuration(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Server-Timing", out var values))
        {
            return null;
        }

        foreach (var value in values)
        {
            var match = RenderMetric().Match(value);
            if (match.Success)
            {
                return double.Parse(match.Groups["ms"].Value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    [GeneratedRegex("name=\"_csrf\"\\s+value=\"(?<value>[^\"]*)\"|value=\"(?<value>[^\"]*)\"\\s+name=\"_csrf\"")]
    private static partial Regex CsrfField();

    [GeneratedRegex("""(?:^|,)\s*render\s*;[^,]*?dur=(?<ms>[0-9]+(?:\.[0-9]+)?)""")]
    private static partial Regex RenderMetric();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
