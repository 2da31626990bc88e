using System.Text.Json.Serialization;

namespace Outlay.Server.Background;

/// <summary>The answer of <c>GET /api/v1/jobs/runner</c>: whether this process is its store's job runner.</summary>
/// <param name="Lock">The job lock's name ("background-jobs").</param>
/// <param name="Runner">True while this process holds the lock.</param>
/// <param name="Since">When this process last took the lock (UTC), while it holds it; else null.</param>
/// <param name="Acquisitions">How many times this process has taken the lock since it started.</param>
/// <param name="Passes">Completed passes per job in this process while it was the runner (detection, reconciliation, budgets).</param>
/// <param name="ProcessId">This server's process id, to tell several servers apart.</param>
internal sealed record JobRunnerResponse(
    [property: JsonPropertyName("lock")] string Lock,
    [property: JsonPropertyName("runner")] bool Runner,
    [property: JsonPropertyName("since")] DateTimeOffset? Since,
    [property: JsonPropertyName("acquisitions")] long Acquisitions,
    [property: JsonPropertyName("passes")] SortedDictionary<string, long> Passes,
    [property: JsonPropertyName("process_id")] int ProcessId);
