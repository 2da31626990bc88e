namespace Outlay.Core.Detection;

/// <summary>One hour of calls of one feature to one model, for <see cref="TokensPerCallDriftDetector"/>.</summary>
/// <param name="Hour">Start of the UTC hour.</param>
/// <param name="Feature">The <c>feature</c> tag (never empty: calls without one form no series).</param>
/// <param name="Model">The model.</param>
/// <param name="Events">Calls.</param>
/// <param name="InputTokens">Input tokens of those calls (all input, cache included).</param>
public sealed record FeatureModelHour(DateTimeOffset Hour, string Feature, string Model, long Events, long InputTokens);
