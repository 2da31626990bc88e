namespace Outlay.Core.Credentials;

/// <summary>
/// One hour of one provider credential's use in one place and feature, from an hourly rollup maintained with the events
/// (and moved by re-pricing). Unset columns are empty strings; events without a key label are not tracked here.
/// </summary>
/// <param name="Hour">Start of the UTC hour.</param>
/// <param name="KeyLabel">The credential's label.</param>
/// <param name="Service">The service, or empty.</param>
/// <param name="Environment">The environment, or empty.</param>
/// <param name="Instance">The instance, or empty.</param>
/// <param name="Model">The model as the event named it.</param>
/// <param name="Feature">The <c>feature</c> tag, or empty.</param>
/// <param name="Events">Calls.</param>
/// <param name="InputTokens">Input tokens (all input, cache included).</param>
/// <param name="OutputTokens">Output tokens (reasoning included).</param>
/// <param name="CostNanoUsd">Cost of the priced calls, in nano-dollars.</param>
/// <param name="UnpricedEvents">Calls with no price.</param>
public sealed record CredentialUsageRow(
    DateTimeOffset Hour,
    string KeyLabel,
    string Service,
    string Environment,
    string Instance,
    string Model,
    string Feature,
    long Events,
    long InputTokens,
    long OutputTokens,
    long CostNanoUsd,
    long UnpricedEvents);
