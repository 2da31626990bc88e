using Outlay.Core.Storage;

namespace Outlay.Cli.Stores;

/// <summary>Opens and initialises the store a <see cref="StoreLocation"/> names.</summary>
internal static class StoreFactory
{
    /// <exception cref="InvalidOperationException">A PostgreSQL store cannot be reached or refuses the login (printed as one line, without the password).</exception>
    public static Task<IOutlayStore> OpenAsync(StoreLocation location, CancellationToken cancellationToken) =>
        location.Spec.OpenAsync(cancellationToken);
}
