namespace Outlay.Server.Tests;

/// <summary>
/// Every source-generated log method of the server lives in one class, ServerLog: with several such classes .NET 10's
/// logging generator emits them in a different order from build to build (dotnet/runtime#119587), and the supply-chain
/// check's two builds of one commit then differ. Read from the sources: the attribute is not kept in the assembly.
/// </summary>
public sealed class ServerLogPlacementTests
{
    [Fact]
    public void Every_logger_message_of_the_server_is_declared_in_ServerLog()
    {
        var server = Path.Combine(RepositoryRoot(), "src", "Outlay.Server");
        var files = Directory.EnumerateFiles(server, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("[LoggerMessage(", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(server, f))
            .ToList();

        Assert.Equal(["ServerLog.cs"], files);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Outlay.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Outlay.slnx not found above " + AppContext.BaseDirectory);
    }
}
