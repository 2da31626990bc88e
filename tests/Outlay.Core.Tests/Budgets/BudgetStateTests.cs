using Outlay.Core.Budgets;

namespace Outlay.Core.Tests.Budgets;

/// <summary>States compare spend and amount exactly: one nano-dollar decides.</summary>
public sealed class BudgetStateTests
{
    private static readonly BudgetDefinition Budget = BudgetParser.Parse(
        new BudgetDraft("b", "100", null, null, null, null, [50, 80, 100]), "b", "p", DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData(0L, BudgetState.Ok)]
    [InlineData(49_999_999_999L, BudgetState.Ok)]
    [InlineData(50_000_000_000L, BudgetState.Warning)]
    [InlineData(99_999_999_999L, BudgetState.Warning)]
    [InlineData(100_000_000_000L, BudgetState.Exceeded)]
    [InlineData(long.MaxValue, BudgetState.Exceeded)]
    public void State_changes_at_the_exact_nano_dollar(long spent, BudgetState expected) =>
        Assert.Equal(expected, BudgetEvaluator.StateOf(spent, Budget));

    [Fact]
    public void With_only_thresholds_above_100_there_is_no_warning_before_exceeded()
    {
        var budget = Budget with { Thresholds = [150] };

        Assert.Equal(BudgetState.Ok, BudgetEvaluator.StateOf(99_999_999_999L, budget));
        Assert.Equal(BudgetState.Exceeded, BudgetEvaluator.StateOf(100_000_000_000L, budget));
    }
}
