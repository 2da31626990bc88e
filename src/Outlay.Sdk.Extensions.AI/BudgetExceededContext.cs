using Outlay.Sdk.Budgets;

namespace Outlay.Sdk.Extensions.AI;

/// <summary>What <see cref="OutlayBudgetPolicy.OnExceeded"/> is told about a call that an exceeded budget would count.</summary>
public sealed class BudgetExceededContext
{
    internal BudgetExceededContext(string operation, BudgetCallScope call, IReadOnlyList<BudgetStatus> exceeded, IReadOnlyList<BudgetStatus> matching)
    {
        Operation = operation;
        Call = call;
        Exceeded = exceeded;
        Matching = matching;
    }

    /// <summary><c>chat</c> or <c>embeddings</c>.</summary>
    public string Operation { get; }

    /// <summary>The call as it would be recorded: provider, model, key label, tags (static, ambient and per-call).</summary>
    public BudgetCallScope Call { get; }

    /// <summary>The budgets that count as exceeded (at least one).</summary>
    public IReadOnlyList<BudgetStatus> Exceeded { get; }

    /// <summary>Every budget that would count the call, exceeded or not.</summary>
    public IReadOnlyList<BudgetStatus> Matching { get; }
}
