using System.CommandLine;

namespace Outlay.Cli.Commands;

/// <summary>Options several commands share, so they are spelled and described the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string?> Store() => new("--store")
    {
        Description = "Where the data lives: sqlite:PATH, postgres:CONNECTION-STRING (Npgsql syntax, e.g. postgres:Host=db;Database=outlay;Username=outlay;Password=…) or clickhouse:URL (e.g. clickhouse:http://ch:8123/outlay?control=sqlite%3A%2Fdata%2Fcontrol.db). Default: $OUTLAY_STORE, else sqlite:./outlay-data/outlay.db.",
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print one JSON object instead of a table.",
    };

    public static Option<string> Project() => new("--project")
    {
        Description = "Project name.",
        DefaultValueFactory = _ => "default",
    };
}
