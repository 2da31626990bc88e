using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Outlay.Server.Dashboard.Layout;

/// <summary>
/// Measures a request from its start (marked by the first middleware) for the page footer and the
/// <c>Server-Timing: render;dur=N</c> header that the benchmark reads.
/// </summary>
internal static class RenderTimer
{
    private static readonly object StartKey = new();

    public static void MarkStart(HttpContext http) => http.Items[StartKey] = Stopwatch.GetTimestamp();

    /// <summary>Milliseconds since the request started (since the first call when no start was marked).</summary>
    public static double ElapsedMilliseconds(HttpContext http)
    {
        if (http.Items[StartKey] is not long start)
        {
            MarkStart(http);
            return 0;
        }

        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    /// <summary>The header value, e.g. <c>render;dur=12.3</c>.</summary>
    public static string ServerTimingValue(HttpContext http) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"render;dur={ElapsedMilliseconds(http):0.0}");
}
