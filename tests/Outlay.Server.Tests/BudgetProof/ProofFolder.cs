using Microsoft.Data.Sqlite;

namespace Outlay.Server.Tests.BudgetProof;

/// <summary>A temp folder for a proof's store and price files, deleted at the end.</summary>
internal sealed class ProofFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "outlay-budget-proof", Guid.NewGuid().ToString("N"));

    public string StorePath => System.IO.Path.Combine(Path, "outlay.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail a proof that otherwise passed.
        }
    }
}
