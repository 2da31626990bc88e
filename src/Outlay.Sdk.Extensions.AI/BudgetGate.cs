using Outlay.Sdk.Budgets;

namespace Outlay.Sdk.Extensions.AI;

/// <summary>
/// Applies an <see cref="OutlayBudgetPolicy"/> before a call. Exists only when the policy is on, so the middleware's
/// cost with enforcement off is one null check.
/// </summary>
internal sealed class BudgetGate
{
    private readonly OutlayBudgets _budgets;
    private readonly BudgetEnforcement _mode;
    private readonly Func<BudgetExceededContext, bool>? _onExceeded;
    private readonly string? _keyLabel;
    private readonly string? _providerOverride;

    private BudgetGate(OutlayClient outlay, OutlayChatOptions options)
    {
        _budgets = outlay.Budgets;
        _mode = options.BudgetPolicy.Mode;
        _onExceeded = options.BudgetPolicy.OnExceeded;
        _keyLabel = options.KeyLabel;
        _providerOverride = string.IsNullOrWhiteSpace(options.Provider) ? null : options.Provider.Trim();
    }

    /// <summary>A gate for the options' policy (read once, like the rest of the options), or null when it is off.</summary>
    public static BudgetGate? For(OutlayClient outlay, OutlayChatOptions options) =>
        options.BudgetPolicy.Mode == BudgetEnforcement.Off ? null : new BudgetGate(outlay, options);

    /// <summary>Throws <see cref="BudgetExceededException"/> when a budget that would count the call counts as exceeded and the policy refuses it.</summary>
    public void Enforce(CallRecord call, string? providerName, Uri? providerUri, string? defaultModel)
    {
        var scope = new BudgetCallScope
        {
            Provider = _providerOverride ?? ProviderNameMapping.Map(providerName, providerUri),
            Model = string.IsNullOrWhiteSpace(call.RequestedModel) ? defaultModel : call.RequestedModel,
            Operation = call.Operation,
            KeyLabel = _keyLabel,
            Tags = call.Tags,
        };

        // The cheap question first: no list is built for the usual call that no exceeded budget counts.
        if (!_budgets.IsExceeded(scope))
        {
            return;
        }

        var matching = _budgets.Matching(scope);
        var exceeded = matching.Where(s => s.CountsAsExceeded).ToList();
        if (exceeded.Count == 0)
        {
            // A refresh landed in between and nothing counts as exceeded any more.
            return;
        }

        if (_mode == BudgetEnforcement.Callback && _onExceeded!(new BudgetExceededContext(call.Operation, scope, exceeded, matching)))
        {
            return;
        }

        throw new BudgetExceededException(exceeded);
    }
}
