using Microsoft.Extensions.Logging;
using Outlay.Core.Events;
using Outlay.Core.Findings;
using Outlay.Core.Storage;
using Outlay.Server.Auth;

namespace Outlay.Server.Ingest;

/// <summary>
/// Turns credentials refused at ingest (events or OTLP spans) into critical findings: which field, which format,
/// which service and environment, never the value. One observation per distinct source in a request, because a leak
/// usually repeats on every event of a batch and must not be written (and logged) a thousand times; across requests the
/// store counts occurrences of one finding per source (fingerprint <c>kind|detail|service|environment</c>).
/// </summary>
internal static class SecretFindingRecorder
{
    public static async Task RecordAsync(
        IOutlayStore store,
        ILogger logger,
        AuthenticatedKey caller,
        string kind,
        IEnumerable<(DetectedSecret? Secret, string? Service, string? Environment)> rejections,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var recorded = new HashSet<(string Detail, string? Service, string? Environment)>();
        foreach (var (secret, service, rejectionEnvironment) in rejections)
        {
            if (secret is null)
            {
                continue;
            }

            // Service and environment come only when they were valid and not the offending field; a key scoped to
            // one environment tells which it was.
            var environment = rejectionEnvironment ?? (caller.Environments.Count == 1 ? caller.Environments[0] : null);
            var detail = $"{secret.Format} in {secret.Field}";
            if (!recorded.Add((detail, service, environment)))
            {
                continue;
            }

            ServerLog.SecretRefused(logger, secret.Format, secret.Field, caller.KeyId);
            await store.RecordFindingAsync(Observe(caller, kind, detail, service, environment, now), cancellationToken).ConfigureAwait(false);
        }
    }

    private static FindingObservation Observe(AuthenticatedKey caller, string kind, string detail, string? service, string? environment, DateTimeOffset now)
    {
        var fingerprint = Clip($"{kind}|{detail}|{service}|{environment}", FindingObservation.MaxIdentityLength);
        var where = kind == FindingKinds.SecretInSpan ? "an OTLP span attribute" : "an event";
        var summary = Clip($"A credential ({detail}) was sent in {where} and refused", FindingObservation.MaxSummaryLength);
        return new FindingObservation(
            ProjectId: caller.ProjectId,
            Kind: kind,
            Severity: FindingSeverity.Critical,
            Fingerprint: fingerprint,
            Subject: fingerprint,
            Summary: summary,
            Detail: Clip(detail, FindingObservation.MaxDetailLength),
            Place: new FindingPlace(Service: service, Environment: environment),
            Expected: "no credential in event fields",
            Observed: Clip(detail, FindingObservation.MaxDetailLength),
            KeyId: caller.KeyId,
            At: now);
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}
