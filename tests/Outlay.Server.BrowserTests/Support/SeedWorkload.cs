namespace Outlay.Server.BrowserTests.Support;

/// <summary>One kind of call an imaginary service makes: who calls which model for what.</summary>
internal sealed record SeedWorkload(
    string Service,
    string Feature,
    string Provider,
    string Model,
    string Operation,
    string KeyLabel,
    long InputTokens,
    long OutputTokens,
    long CacheReadTokens);
