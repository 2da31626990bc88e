namespace Outlay.Cli.Stores;

/// <summary>
/// Where the data lives, written <c>sqlite:PATH</c>. Given by <c>--store</c>, else <c>OUTLAY_STORE</c>,
/// else the embedded default <c>sqlite:./outlay-data/outlay.db</c>.
/// </summary>
internal sealed record StoreLocation(string Engine, string Target)
{
    public const string EnvironmentVariable = "OUTLAY_STORE";
    public const string Default = "sqlite:./outlay-data/outlay.db";

    public static StoreLocation Resolve(string? option)
    {
        var text = !string.IsNullOrWhiteSpace(option)
            ? option
            : Environment.GetEnvironmentVariable(EnvironmentVariable);
        return Parse(string.IsNullOrWhiteSpace(text) ? Default : text);
    }

    public static StoreLocation Parse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            throw new StoreLocationException($"--store must look like sqlite:PATH (got '{Shorten(text)}').");
        }

        var engine = text[..colon].ToLowerInvariant();
        var target = text[(colon + 1)..];
        return engine switch
        {
            "sqlite" => new StoreLocation(engine, Path.GetFullPath(target)),
            "postgres" or "clickhouse" => throw new StoreLocationException(
                $"the {engine} store is not available in this version; use sqlite:PATH."),
            _ => throw new StoreLocationException($"unknown store engine '{Shorten(engine)}'; use sqlite:PATH."),
        };
    }

    public override string ToString() => $"{Engine}:{Target}";

    // A connection string may carry a password: never print more than its start.
    private static string Shorten(string text) => text.Length <= 24 ? text : text[..24] + "…";
}
