namespace Outlay.Cli.Demo;

/// <summary>What <c>outlay demo</c> was asked to do.</summary>
internal sealed record DemoSettings(
    string Urls,
    string? Store,
    TimeSpan Duration,
    int Rate,
    int HistoryDays,
    int Seed,
    bool ExitWhenDone);
