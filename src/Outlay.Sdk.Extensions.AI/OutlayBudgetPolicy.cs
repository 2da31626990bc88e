namespace Outlay.Sdk.Extensions.AI;

/// <summary>
/// Opt-in budget enforcement before each call of the middleware: the call's provider, model, key label and tags
/// (including ambient and per-call tags) are matched against the budgets in <see cref="OutlayClient.Budgets"/>, which
/// answers from a cache without any network call. Fail-open budgets whose status is unknown or stale never refuse a call.
/// </summary>
public sealed class OutlayBudgetPolicy
{
    /// <summary>What to do when a matching budget counts as exceeded. Default <see cref="BudgetEnforcement.Off"/>: budgets are not consulted.</summary>
    public BudgetEnforcement Mode { get; set; }

    /// <summary>
    /// For <see cref="BudgetEnforcement.Callback"/> (required then): called before the provider when a matching budget
    /// counts as exceeded. Return <see langword="true"/> to make the call anyway, <see langword="false"/> to refuse it
    /// with <see cref="Outlay.Sdk.Budgets.BudgetExceededException"/>. It runs on the caller's path: keep it quick. An
    /// exception it throws reaches the caller. Default <see langword="null"/>.
    /// </summary>
    public Func<BudgetExceededContext, bool>? OnExceeded { get; set; }
}
