namespace Outlay.Testing;

/// <summary>
/// Locates ../shared (recorded provider bodies, OTLP captures, price facts) beside the repository.
/// Those files are third-party material and are not copied into the repository, so tests that need them
/// skip with a clear message where the folder is absent.
/// </summary>
internal static class SharedFixtures
{
    private static readonly Lazy<string?> RootPath = new(FindRoot);

    /// <summary>The shared folder, or null when it is not beside the repository.</summary>
    public static string? Root => RootPath.Value;

    /// <summary>Full path of a file under shared/, skipping the calling test when it is absent.</summary>
    public static string Require(string relativePath)
    {
        var root = Root;
        if (root is null)
        {
            Assert.Skip($"../shared is not beside this repository, so '{relativePath}' cannot be read (set OUTLAY_SHARED_DIR to its location).");
        }

        var full = Path.Combine(root, relativePath);
        if (!File.Exists(full))
        {
            Assert.Skip($"shared file '{relativePath}' is missing under {root}.");
        }

        return full;
    }

    /// <summary>Text of a file under shared/, skipping the calling test when it is absent.</summary>
    public static string ReadText(string relativePath) => File.ReadAllText(Require(relativePath));

    private static string? FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("OUTLAY_SHARED_DIR");
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }

        // Walk up from the test binary: the repository root has Outlay.slnx, and shared/ sits beside it.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Outlay.slnx")))
            {
                var candidate = Path.Combine(dir.Parent?.FullName ?? dir.FullName, "shared");
                return Directory.Exists(Path.Combine(candidate, "fixtures")) ? candidate : null;
            }
        }

        return null;
    }
}
