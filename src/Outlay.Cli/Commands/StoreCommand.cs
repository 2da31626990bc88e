using System.CommandLine;

namespace Outlay.Cli.Commands;

/// <summary><c>outlay store</c>: work on a store as a whole (for now, <c>migrate</c> between engines).</summary>
internal static class StoreCommand
{
    public static Command Create(CliConsole console) =>
        new("store", "Work on a store as a whole.")
        {
            StoreMigrateCommand.Create(console),
        };
}
