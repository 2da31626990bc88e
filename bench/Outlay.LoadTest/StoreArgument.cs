using Outlay.Server;

namespace Outlay.LoadTest;

/// <summary>The load tool's <c>--store</c> value: any form <see cref="StoreSpec.Parse"/> accepts, or a bare SQLite path.</summary>
internal static class StoreArgument
{
    /// <summary>
    /// A bare path is a SQLite file (the form before engines could be chosen); "C:\…" is a path, not an engine.
    /// </summary>
    public static StoreSpec Parse(string text) =>
        text.Contains(':', StringComparison.Ordinal) && !Path.IsPathRooted(text) ? StoreSpec.Parse(text) : StoreSpec.Sqlite(text);
}
