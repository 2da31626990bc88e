namespace Outlay.Core.Credentials;

/// <summary>One UTC day of one key label's use, summed from its hourly usage rows.</summary>
/// <param name="Day">The UTC day.</param>
/// <param name="CostNanoUsd">Cost of the priced calls, in nano-dollars.</param>
/// <param name="Events">Calls.</param>
/// <param name="UnpricedEvents">Calls with no price (not in <paramref name="CostNanoUsd"/>).</param>
/// <param name="InputTokens">Input tokens.</param>
/// <param name="OutputTokens">Output tokens.</param>
public sealed record CredentialDailySpend(DateOnly Day, long CostNanoUsd, long Events, long UnpricedEvents, long InputTokens, long OutputTokens);
