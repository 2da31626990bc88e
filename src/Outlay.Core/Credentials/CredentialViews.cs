using Outlay.Core.Storage;

namespace Outlay.Core.Credentials;

/// <summary>Reads the credential inventory and rotation views from a store; shared by the server API and the CLI.</summary>
public static class CredentialViews
{
    /// <summary>Days of daily spend in the inventory: the last 30 UTC days, today included.</summary>
    public const int DailySpendDays = 30;

    /// <summary>
    /// The inventory of every key label of the project, or only <paramref name="keyLabel"/>'s (empty when it was never
    /// seen nor retired), with spend per day over the last <see cref="DailySpendDays"/> UTC days before <paramref name="now"/>.
    /// </summary>
    public static async Task<IReadOnlyList<CredentialInventoryEntry>> ReadInventoryAsync(
        ICredentialActivityStore store,
        string projectId,
        string? keyLabel,
        DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var utc = now.ToUniversalTime();
        var from = new DateTimeOffset(utc.Date, TimeSpan.Zero).AddDays(-(DailySpendDays - 1));
        var to = new DateTimeOffset(utc.UtcTicks - (utc.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero).AddHours(1);
        var places = await store.ListCredentialPlacesAsync(projectId, keyLabel, cancellationToken).ConfigureAwait(false);
        var usage = await store.QueryCredentialUsageAsync(projectId, from, to, keyLabel, cancellationToken).ConfigureAwait(false);
        var retirements = await store.ListCredentialRetirementsAsync(projectId, cancellationToken).ConfigureAwait(false);
        if (keyLabel is not null)
        {
            retirements = retirements.Where(r => string.Equals(r.KeyLabel, keyLabel, StringComparison.Ordinal)).ToList();
        }

        return CredentialInventory.Build(places, usage, retirements);
    }

    /// <summary>
    /// The rotation from <paramref name="oldLabel"/> to <paramref name="newLabel"/>, or, when that is null, to the label
    /// its retirement names as its replacement.
    /// </summary>
    /// <exception cref="CredentialValidationException">
    /// <c>to</c>: no new label was given and the old one's retirement names none, or it equals the old label.
    /// </exception>
    public static async Task<CredentialRotation> ReadRotationAsync(
        ICredentialActivityStore store,
        string projectId,
        string oldLabel,
        string? newLabel,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(oldLabel);
        if (newLabel is null)
        {
            var retirements = await store.ListCredentialRetirementsAsync(projectId, cancellationToken).ConfigureAwait(false);
            newLabel = retirements.FirstOrDefault(r => string.Equals(r.KeyLabel, oldLabel, StringComparison.Ordinal))?.ReplacedBy
                ?? throw new CredentialValidationException("to", "name the new label; the old label's retirement names no replacement.");
        }

        if (string.Equals(newLabel, oldLabel, StringComparison.Ordinal))
        {
            throw new CredentialValidationException("to", "must differ from the old label.");
        }

        var oldPlaces = await store.ListCredentialPlacesAsync(projectId, oldLabel, cancellationToken).ConfigureAwait(false);
        var newPlaces = await store.ListCredentialPlacesAsync(projectId, newLabel, cancellationToken).ConfigureAwait(false);
        return CredentialRotation.Build(oldLabel, newLabel, oldPlaces.Concat(newPlaces));
    }
}
