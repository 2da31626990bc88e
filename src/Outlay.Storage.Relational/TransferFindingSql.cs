using Outlay.Core.Findings;

namespace Outlay.Storage.Relational;

/// <summary>A finding written back as it was stored: every column, keyed by its id (a migration's upsert; the same SQL in both engines).</summary>
internal static class TransferFindingSql
{
    public const string Upsert = """
        INSERT INTO findings (id, project_id, kind, severity, fingerprint, subject, summary, detail,
                              key_label, service, environment, instance, model, feature, customer, provider,
                              expected, observed, key_id, first_seen_ms, last_seen_ms, occurrences, status,
                              acknowledged_ms, acknowledged_by, notified)
        VALUES (@id, @project, @kind, @severity, @fingerprint, @subject, @summary, @detail,
                @key_label, @service, @environment, @instance, @model, @feature, @customer, @provider,
                @expected, @observed, @key_id, @first_seen, @last_seen, @occurrences, @status,
                @acknowledged, @acknowledged_by, @notified)
        ON CONFLICT (id) DO UPDATE SET project_id = excluded.project_id, kind = excluded.kind, severity = excluded.severity,
            fingerprint = excluded.fingerprint, subject = excluded.subject, summary = excluded.summary, detail = excluded.detail,
            key_label = excluded.key_label, service = excluded.service, environment = excluded.environment,
            instance = excluded.instance, model = excluded.model, feature = excluded.feature, customer = excluded.customer,
            provider = excluded.provider, expected = excluded.expected, observed = excluded.observed, key_id = excluded.key_id,
            first_seen_ms = excluded.first_seen_ms, last_seen_ms = excluded.last_seen_ms, occurrences = excluded.occurrences,
            status = excluded.status, acknowledged_ms = excluded.acknowledged_ms, acknowledged_by = excluded.acknowledged_by,
            notified = excluded.notified;
        """;

    /// <summary>Values of <see cref="Upsert"/>'s parameters other than the id, by name without the '@'.</summary>
    public static IEnumerable<(string Name, object? Value)> Values(Finding finding)
    {
        var place = finding.Place;
        yield return ("project", finding.ProjectId);
        yield return ("kind", finding.Kind);
        yield return ("severity", FindingSeverities.Name(finding.Severity));
        yield return ("fingerprint", finding.Fingerprint);
        yield return ("subject", finding.Subject);
        yield return ("summary", finding.Summary);
        yield return ("detail", finding.Detail);
        // The place's columns are named as its parts.
        foreach (var part in place.Parts)
        {
            yield return part;
        }

        yield return ("expected", finding.Expected);
        yield return ("observed", finding.Observed);
        yield return ("key_id", finding.KeyId);
        yield return ("first_seen", finding.FirstSeen.ToUnixTimeMilliseconds());
        yield return ("last_seen", finding.LastSeen.ToUnixTimeMilliseconds());
        yield return ("occurrences", finding.Occurrences);
        yield return ("status", finding.Status == FindingStatus.Acknowledged ? "acknowledged" : "open");
        yield return ("acknowledged", finding.AcknowledgedAt?.ToUnixTimeMilliseconds());
        yield return ("acknowledged_by", finding.AcknowledgedBy);
        yield return ("notified", finding.Notified);
    }
}
