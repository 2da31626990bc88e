using Outlay.Core.Events;

namespace Outlay.Core.Storage;

/// <summary>What a stored event keeps that pricing needs: the same inputs <c>CostCalculator.Calculate</c> takes.</summary>
/// <param name="Provider">Provider as stored.</param>
/// <param name="Model">Model as stored (as reported, before resolution).</param>
/// <param name="Usage">Token counts.</param>
/// <param name="ServiceTier">Service tier as stored.</param>
/// <param name="Timestamp">When the call happened (millisecond precision); selects the effective-dated price.</param>
public sealed record StoredUsage(string Provider, string Model, TokenUsage Usage, string ServiceTier, DateTimeOffset Timestamp);
