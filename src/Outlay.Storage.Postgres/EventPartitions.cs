using System.Collections.Concurrent;
using System.Globalization;
using Npgsql;

namespace Outlay.Storage.Postgres;

/// <summary>
/// Creates the monthly partitions of <c>events</c> before an insert needs them. Each month is created once per database
/// under an advisory lock (so two processes racing on a new month do not collide in the catalog) and then remembered
/// in this process. Partition names come from the year and month numbers only, never from input text.
/// </summary>
internal sealed class EventPartitions
{
    /// <summary>Arbitrary constant naming "Outlay partition creation" among advisory locks (ASCII 'OUTLAYPT'); retention takes it too.</summary>
    public const long AdvisoryLockKey = 0x4F55544C41595054;

    private readonly ConcurrentDictionary<int, bool> _known = new();

    /// <summary>The partition name for the month of <paramref name="instant"/> (UTC), e.g. <c>events_2026_11</c>.</summary>
    public static string NameOf(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        return string.Create(CultureInfo.InvariantCulture, $"events_{utc.Year:D4}_{utc.Month:D2}");
    }

    /// <summary>Ensures a partition exists for every month of <paramref name="instants"/>.</summary>
    public async Task EnsureAsync(NpgsqlDataSource dataSource, IEnumerable<DateTimeOffset> instants, CancellationToken cancellationToken)
    {
        List<DateTime>? missing = null;
        foreach (var instant in instants)
        {
            var utc = instant.UtcDateTime;
            var month = (utc.Year * 12) + utc.Month - 1;
            if (!_known.ContainsKey(month))
            {
                missing ??= [];
                var start = new DateTime(utc.Year, utc.Month, 1, 0, 0, 0, DateTimeKind.Utc);
                if (!missing.Contains(start))
                {
                    missing.Add(start);
                }
            }
        }

        if (missing is null)
        {
            return;
        }

        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(" + AdvisoryLockKey.ToString(CultureInfo.InvariantCulture) + ");", connection))
                {
                    await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                foreach (var start in missing)
                {
                    await using var create = new NpgsqlCommand(CreateSql(start), connection);
                    await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var start in missing)
        {
            _known[(start.Year * 12) + start.Month - 1] = true;
        }
    }

    /// <summary>The first instant of the month a partition named like <see cref="NameOf"/> holds, or null for another name.</summary>
    public static DateTimeOffset? MonthOf(string partitionName)
    {
        if (partitionName.Length != "events_yyyy_mm".Length
            || !partitionName.StartsWith("events_", StringComparison.Ordinal)
            || partitionName[11] != '_'
            || !int.TryParse(partitionName.AsSpan(7, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(partitionName.AsSpan(12, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || year < 1 || month is < 1 or > 12)
        {
            return null;
        }

        return new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero);
    }

    /// <summary>Forgets the months seen, so the next insert checks again (after a partition was dropped).</summary>
    public void Forget() => _known.Clear();

    private static string CreateSql(DateTime start)
    {
        // DDL cannot take bind parameters; the bounds are formatted from a DateTime, the name from two integers.
        var end = start.Year == 9999 && start.Month == 12
            ? "MAXVALUE"
            : string.Create(CultureInfo.InvariantCulture, $"'{start.AddMonths(1):yyyy-MM-dd}T00:00:00Z'");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"CREATE TABLE IF NOT EXISTS {NameOf(start)} PARTITION OF events FOR VALUES FROM ('{start:yyyy-MM-dd}T00:00:00Z') TO ({end});");
    }
}
