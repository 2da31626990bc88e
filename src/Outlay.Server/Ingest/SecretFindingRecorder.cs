using Microsoft.Extensions.Logging;
using Outlay.Core.Events;
using Outlay.Core.Security;
using Outlay.Core.Storage;
using Outlay.Server.Auth;

namespace Outlay.Server.Ingest;

/// <summary>
/// Turns credentials refused at ingest (events or OTLP spans) into security findings: which field, which format,
/// which service and environment, never the value. One finding per distinct source in a request, because a leak
/// usually repeats on every event of a batch and must not be written (and logged) a thousand times.
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

            var finding = new SecurityFinding(Guid.CreateVersion7(now), caller.ProjectId, kind, detail, service, environment, caller.KeyId, now);
            ServerLog.SecretRefused(logger, secret.Format, secret.Field, caller.KeyId);
            await store.AddSecurityFindingAsync(finding, cancellationToken).ConfigureAwait(false);
        }
    }
}
