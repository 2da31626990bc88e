using Outlay.Server.Budgets;

namespace Outlay.Server.Tests.Budgets;

public sealed class BudgetQuotaTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(199)]
    public void A_project_below_the_quota_may_add_a_budget(int existing) => Assert.Null(BudgetQuota.RefusalFor(existing));

    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    public void A_project_at_the_quota_is_refused_with_the_limit_named(int existing) =>
        Assert.Equal("a project may have at most 200 budgets; delete one first.", BudgetQuota.RefusalFor(existing));
}
