using System.Data.Common;
using Outlay.Core.Findings;

namespace Outlay.Storage.Relational;

/// <summary>
/// How a finding is stored by every engine: the SQL both run (parameters written <c>@name</c>, which Npgsql and
/// Microsoft.Data.Sqlite both accept), the stored names of severity and status, and the row reader over
/// <see cref="Select"/>. Instants as Unix milliseconds; a place part that is unknown is NULL.
/// </summary>
internal static class FindingColumns
{
    /// <summary>Longest place part, expected and observed text: 512 characters.</summary>
    public const int MaxPartLength = 512;

    /// <summary>Longest kind: 64 characters.</summary>
    public const int MaxKindLength = 64;

    /// <summary>The finding columns, then the snooze of its kind and subject (column 25), in <see cref="Read"/> order.</summary>
    public const string Select = """
        SELECT f.id, f.project_id, f.kind, f.severity, f.fingerprint, f.subject, f.summary, f.detail,
               f.key_label, f.service, f.environment, f.instance, f.model, f.feature, f.customer, f.provider,
               f.expected, f.observed, f.key_id, f.first_seen_ms, f.last_seen_ms, f.occurrences, f.status,
               f.acknowledged_ms, f.acknowledged_by, s.until_ms, f.notified
        FROM findings f
        LEFT JOIN finding_snoozes s ON s.project_id = f.project_id AND s.kind = f.kind AND s.subject = f.subject
        """;

    /// <summary>
    /// Inserts the observation as a new finding, or counts another occurrence of the project's finding with its
    /// fingerprint: occurrences + 1, the wider first/last seen, the higher severity, and the explanation, place and key
    /// of whichever observation is latest. Returns the stored id: the new id only when this insert created it.
    /// </summary>
    public const string Upsert = $"""
        INSERT INTO findings (id, project_id, kind, severity, fingerprint, subject, summary, detail,
                              key_label, service, environment, instance, model, feature, customer, provider,
                              expected, observed, key_id, first_seen_ms, last_seen_ms, occurrences, status, notified)
        VALUES (@id, @project, @kind, @severity, @fingerprint, @subject, @summary, @detail,
                @key_label, @service, @environment, @instance, @model, @feature, @customer, @provider,
                @expected, @observed, @key_id, @at, @at, 1, 'open', FALSE)
        ON CONFLICT (project_id, fingerprint) DO UPDATE SET
            occurrences = findings.occurrences + 1,
            severity = CASE WHEN {ExcludedRank} > {StoredRank} THEN excluded.severity ELSE findings.severity END,
            first_seen_ms = CASE WHEN excluded.first_seen_ms < findings.first_seen_ms THEN excluded.first_seen_ms ELSE findings.first_seen_ms END,
            last_seen_ms = CASE WHEN excluded.last_seen_ms > findings.last_seen_ms THEN excluded.last_seen_ms ELSE findings.last_seen_ms END,
            {Latest}summary = CASE WHEN excluded.last_seen_ms >= findings.last_seen_ms THEN excluded.summary ELSE findings.summary END
        RETURNING id;
        """;

    /// <summary>Marks a finding notified (its deliveries were queued).</summary>
    public const string MarkNotified = "UPDATE findings SET notified = TRUE WHERE id = @id;";

    /// <summary>True (a row) when the kind and subject are snoozed beyond <c>@at</c>.</summary>
    public const string IsSnoozed =
        "SELECT 1 FROM finding_snoozes WHERE project_id = @project AND kind = @kind AND subject = @subject AND until_ms > @at;";

    /// <summary>Acknowledges a finding of the project; affects no row when it has none.</summary>
    public const string Acknowledge =
        "UPDATE findings SET status = 'acknowledged', acknowledged_ms = @at, acknowledged_by = @by WHERE project_id = @project AND id = @id;";

    /// <summary>Returns a finding of the project to open; affects no row when it has none.</summary>
    public const string Reopen =
        "UPDATE findings SET status = 'open', acknowledged_ms = NULL, acknowledged_by = NULL WHERE project_id = @project AND id = @id;";

    /// <summary>Snoozes the kind and subject of a finding of the project until <c>@until</c>; inserts nothing when it has none.</summary>
    public const string Snooze = """
        INSERT INTO finding_snoozes (project_id, kind, subject, until_ms)
        SELECT project_id, kind, subject, @until FROM findings WHERE project_id = @project AND id = @id
        ON CONFLICT (project_id, kind, subject) DO UPDATE SET until_ms = excluded.until_ms;
        """;

    /// <summary>Ends the snooze of the kind and subject of a finding of the project.</summary>
    public const string Unsnooze = """
        DELETE FROM finding_snoozes
        WHERE project_id = @project
          AND kind = (SELECT kind FROM findings WHERE project_id = @project AND id = @id)
          AND subject = (SELECT subject FROM findings WHERE project_id = @project AND id = @id);
        """;

    // Columns refreshed from the latest observation; summary closes the list in Upsert.
    private const string Latest = """
        detail = CASE WHEN excluded.last_seen_ms >= findings.last_seen_ms THEN excluded.detail ELSE findings.detail END,
                key_label = CASE WHEN excluded.last_seen_ms >= findings.last_seen_ms THEN excluded.key_label ELSE findings.key_label END,
                service = CASE WHEN excluded.last_seen_ms >= findings.last_seen_ms THEN excluded.service ELSE findings.service END,
                environment = CASE WHEN excluded.last_seen_ms >= findings.last_seen_ms THEN excluded.environment ELSE findings.environment END,
                instance = CASE WHEN excluded.last_seen_ms >= findings.last_seen_ms THEN excluded.instance ELSE findings.instance END,
                model = CASE WHEN excluded.last_seen_ms >= findings.last_seen_ms THEN excluded.model ELSE findings.model END,
                feature = CASE WHEN excluded.last_seen_ms >= findings.last_seen_ms THEN excluded.feature ELSE findings.feature END,
                customer = CASE WHEN excluded.last_seen_ms >= findings.last_seen_ms THEN excluded.customer ELSE findings.customer END,
                provider = CASE WHEN excluded.last_seen_ms >= findings.last_seen_ms THEN excluded.provider ELSE findings.provider END,
                expected = CASE WHEN excluded.last_seen_ms >= findings.last_seen_ms THEN excluded.expected ELSE findings.expected END,
                observed = CASE WHEN excluded.last_seen_ms >= findings.last_seen_ms THEN excluded.observed ELSE findings.observed END,
                key_id = CASE WHEN excluded.last_seen_ms >= findings.last_seen_ms THEN excluded.key_id ELSE findings.key_id END,

        """;

    private const string ExcludedRank = "(CASE excluded.severity WHEN 'critical' THEN 2 WHEN 'warning' THEN 1 ELSE 0 END)";
    private const string StoredRank = "(CASE findings.severity WHEN 'critical' THEN 2 WHEN 'warning' THEN 1 ELSE 0 END)";

    /// <summary>
    /// <see cref="Select"/> restricted to the project (<c>@project</c>) and the query's filters (<c>@status</c>,
    /// <c>@kind</c>, <c>@key_label</c>, only when set), latest seen first, at most <c>@limit</c>.
    /// </summary>
    public static string ListSql(FindingQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new System.Text.StringBuilder(Select).Append(" WHERE f.project_id = @project");
        if (query.Status is not null)
        {
            sql.Append(" AND f.status = @status");
        }

        if (query.Kind is not null)
        {
            sql.Append(" AND f.kind = @kind");
        }

        if (query.KeyLabel is not null)
        {
            sql.Append(" AND f.key_label = @key_label");
        }

        return sql.Append(" ORDER BY f.last_seen_ms DESC, f.id DESC LIMIT @limit;").ToString();
    }

    /// <summary>The status as stored: <c>open</c> or <c>acknowledged</c>.</summary>
    public static string StatusName(FindingStatus status) => status == FindingStatus.Acknowledged ? "acknowledged" : "open";

    /// <summary>
    /// Refuses an observation the store cannot keep, with a message naming the field and its limit.
    /// </summary>
    /// <exception cref="ArgumentException">A field is empty or too long, or the kind is not one of <see cref="FindingKinds"/>.</exception>
    public static void Validate(FindingObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentException.ThrowIfNullOrEmpty(observation.ProjectId);
        if (!FindingKinds.IsKnown(observation.Kind))
        {
            throw new ArgumentException($"Unknown finding kind '{Clip(observation.Kind)}'.", nameof(observation));
        }

        if (!Enum.IsDefined(observation.Severity))
        {
            throw new ArgumentException("Unknown finding severity.", nameof(observation));
        }

        Require(observation.Fingerprint, "Fingerprint", FindingObservation.MaxIdentityLength, allowEmpty: false);
        Require(observation.Subject, "Subject", FindingObservation.MaxIdentityLength, allowEmpty: false);
        Require(observation.Summary, "Summary", FindingObservation.MaxSummaryLength, allowEmpty: false);
        ArgumentNullException.ThrowIfNull(observation.Detail);
        Require(observation.Detail, "Detail", FindingObservation.MaxDetailLength, allowEmpty: true);
        Require(observation.Expected, "Expected", MaxPartLength, allowEmpty: true);
        Require(observation.Observed, "Observed", MaxPartLength, allowEmpty: true);
        Require(observation.KeyId, "KeyId", MaxPartLength, allowEmpty: true);
        ArgumentNullException.ThrowIfNull(observation.Place);
        var place = observation.Place;
        foreach (var (value, name) in new[]
        {
            (place.KeyLabel, "Place.KeyLabel"), (place.Service, "Place.Service"), (place.Environment, "Place.Environment"),
            (place.Instance, "Place.Instance"), (place.Model, "Place.Model"), (place.Feature, "Place.Feature"),
            (place.Customer, "Place.Customer"), (place.Provider, "Place.Provider"),
        })
        {
            Require(value, name, MaxPartLength, allowEmpty: true);
        }
    }

    /// <summary>The observation's values by parameter name (without prefix), for <see cref="Upsert"/>; the caller adds <c>id</c>.</summary>
    public static IEnumerable<(string Name, object? Value)> UpsertValues(FindingObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var place = observation.Place;
        yield return ("project", observation.ProjectId);
        yield return ("kind", observation.Kind);
        yield return ("severity", FindingSeverities.Name(observation.Severity));
        yield return ("fingerprint", observation.Fingerprint);
        yield return ("subject", observation.Subject);
        yield return ("summary", observation.Summary);
        yield return ("detail", observation.Detail);
        // The place's columns are named as its parts.
        foreach (var part in place.Parts)
        {
            yield return part;
        }

        yield return ("expected", observation.Expected);
        yield return ("observed", observation.Observed);
        yield return ("key_id", observation.KeyId);
        yield return ("at", observation.At.ToUnixTimeMilliseconds());
    }

    /// <summary>The finding on the reader's current row, selected as <see cref="Select"/>.</summary>
    public static Finding Read(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new Finding(
            Id: reader.GetGuid(0),
            ProjectId: reader.GetString(1),
            Kind: reader.GetString(2),
            Severity: FindingSeverities.Parse(reader.GetString(3)) ?? FindingSeverity.Info,
            Fingerprint: reader.GetString(4),
            Subject: reader.GetString(5),
            Summary: reader.GetString(6),
            Detail: reader.GetString(7),
            Place: new FindingPlace(
                KeyLabel: Text(reader, 8),
                Service: Text(reader, 9),
                Environment: Text(reader, 10),
                Instance: Text(reader, 11),
                Model: Text(reader, 12),
                Feature: Text(reader, 13),
                Customer: Text(reader, 14),
                Provider: Text(reader, 15)),
            Expected: Text(reader, 16),
            Observed: Text(reader, 17),
            KeyId: Text(reader, 18),
            FirstSeen: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(19)),
            LastSeen: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(20)),
            Occurrences: reader.GetInt32(21),
            Status: string.Equals(reader.GetString(22), "acknowledged", StringComparison.Ordinal) ? FindingStatus.Acknowledged : FindingStatus.Open,
            AcknowledgedAt: reader.IsDBNull(23) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(23)),
            AcknowledgedBy: Text(reader, 24),
            SnoozedUntil: reader.IsDBNull(25) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(25)),
            Notified: reader.GetBoolean(26));
    }

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static void Require(string? value, string name, int maxLength, bool allowEmpty)
    {
        if (!allowEmpty && string.IsNullOrEmpty(value))
        {
            throw new ArgumentException($"The finding's {name} is required.", "observation");
        }

        if (value is not null && value.Length > maxLength)
        {
            throw new ArgumentException($"The finding's {name} is longer than {maxLength} characters.", "observation");
        }
    }

    private static string Clip(string? text) => text is null ? "" : text.Length <= 64 ? text : text[..64];
}
