namespace Outlay.Cli.Commands;

/// <summary>One total that differs between source and destination after a migration.</summary>
internal sealed record StoreMigrationDifference(string Project, string Total, long Source, long Destination);
