namespace Outlay.Cli.Commands;

/// <summary>Where a migration stands after a committed page: events copied so far of the total to copy.</summary>
/// <param name="ProjectName">The project being copied.</param>
/// <param name="EventsCopied">Events committed at the destination in this run and earlier runs (checkpoints).</param>
/// <param name="EventsTotal">Events the source held when the run started.</param>
/// <param name="Pages">Pages committed in this run.</param>
internal sealed record StoreMigrationProgress(string ProjectName, long EventsCopied, long EventsTotal, int Pages);
