using Outlay.Core.Storage;

namespace Outlay.Cli.Stores;

/// <summary>Looks up the project a command names with <c>--project</c>.</summary>
internal static class StoreProjects
{
    /// <summary>The id of the project named <paramref name="name"/>.</summary>
    /// <exception cref="CliUsageException">No project has that name in this store (a usage error, exit 2).</exception>
    public static async Task<string> RequireIdAsync(IOutlayStore store, string name, CancellationToken cancellationToken)
    {
        var found = await store.FindProjectAsync(name, cancellationToken).ConfigureAwait(false)
            ?? throw new CliUsageException($"--project: no project named '{name}' in this store.");
        return found.Id;
    }
}
