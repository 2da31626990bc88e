namespace Outlay.Server.BrowserTests.Support;

/// <summary>Where the browser tests leave their artefacts.</summary>
internal static class RepositoryPaths
{
    /// <summary>
    /// <c>$OUTLAY_ARTIFACTS_DIR/screenshots</c> when set, else <c>&lt;repo&gt;/artifacts/screenshots</c> (git-ignored),
    /// the repository root being the first folder above the test binary that holds <c>Outlay.slnx</c>.
    /// </summary>
    public static string ScreenshotDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("OUTLAY_ARTIFACTS_DIR");
        var root = !string.IsNullOrWhiteSpace(configured)
            ? configured
            : Path.Combine(RepositoryRoot() ?? AppContext.BaseDirectory, "artifacts");
        var directory = Path.Combine(root, "screenshots");
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Outlay.slnx")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
