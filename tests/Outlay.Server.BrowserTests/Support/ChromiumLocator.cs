namespace Outlay.Server.BrowserTests.Support;

/// <summary>
/// Finds the system Chromium: <c>OUTLAY_CHROMIUM</c>, else <c>/usr/bin/chromium</c>, else <c>chromium</c> on PATH.
/// Playwright's own browser download is never used, so the tests drive exactly the package <c>.ci/run</c> installs.
/// </summary>
internal static class ChromiumLocator
{
    /// <summary>The executable's full path, or null when no Chromium is installed.</summary>
    public static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("OUTLAY_CHROMIUM");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            // An explicit setting that points nowhere is a mistake to report, not a reason to look elsewhere.
            return File.Exists(configured) ? configured : null;
        }

        if (File.Exists("/usr/bin/chromium"))
        {
            return "/usr/bin/chromium";
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "chromium"))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// Why no browser test can run: skips the calling test locally, fails it on CI (<c>CI=true</c>), where a
    /// missing browser means the pipeline is broken and a skip would hide it.
    /// </summary>
    public static void SkipOrFail(string reason)
    {
        var message = $"Chromium is not available ({reason}). Install Debian's 'chromium' package or set OUTLAY_CHROMIUM to its executable.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
    }
}
