namespace Outlay.Cli.Tests;

/// <summary>A store file in a folder of its own, deleted with the test.</summary>
internal sealed class TempStore : IDisposable
{
    public TempStore()
    {
        Folder = Path.Combine(Path.GetTempPath(), "outlay-cli-tests-" + Guid.NewGuid().ToString("N"));
        FilePath = Path.Combine(Folder, "outlay.db");
    }

    public string Folder { get; }

    public string FilePath { get; }

    public string Spec => "sqlite:" + FilePath;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder does not affect other tests: each has its own.
        }
    }
}
