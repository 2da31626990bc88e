namespace Outlay.Server.IntegrationTests.Support;

/// <summary>Finds the repository root (the folder holding <c>Outlay.slnx</c>) from the test binary.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Outlay.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Outlay.slnx above {AppContext.BaseDirectory}");
    }
}
