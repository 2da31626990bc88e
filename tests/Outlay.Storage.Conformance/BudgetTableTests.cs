using Outlay.Core.Budgets;

namespace Outlay.Storage.Conformance;

/// <summary>The <c>budgets</c> table: a budget reads back exactly as validated, only within its own project.</summary>
public abstract class BudgetTableTests<TFactory> : ConformanceTests<TFactory>
    where TFactory : IConformanceStoreFactory, new()
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_budget_reads_back_exactly_after_a_restart()
    {
        await using var temp = await CreateStoreAsync();
        var ct = TestContext.Current.CancellationToken;
        var project = await temp.ProjectAsync("checkout");
        var budget = BudgetParser.Parse(
            new BudgetDraft("Prod for Acme", "500.25", "month", "Europe/Berlin", null, ["environment:prod", "tag.customer:acme|globex"], [100, 50, 80]),
            "b-1",
            project,
            Now);

        await temp.Store.AddBudgetAsync(budget, ct);
        await temp.ReopenAsync();
        var read = await temp.Store.GetBudgetAsync(project, "b-1", ct);

        Assert.NotNull(read);
        Assert.Equal("Prod for Acme", read.Name);
        Assert.Equal(500_250_000_000L, read.AmountNanoUsd);
        Assert.Equal(BudgetPeriodKind.Month, read.Period.Kind);
        Assert.Equal("Europe/Berlin", read.Period.TimeZone.Id);
        Assert.Null(read.Period.RollingHours);
        Assert.Equal(["environment:prod", "tag.customer:acme|globex"], BudgetScope.Format(read.Scope));
        Assert.Equal([50, 80, 100], read.Thresholds);
        Assert.Equal(Now, read.CreatedAt);
    }

    [Fact]
    public async Task A_rolling_budget_keeps_its_window()
    {
        await using var temp = await CreateStoreAsync();
        var ct = TestContext.Current.CancellationToken;
        var project = await temp.ProjectAsync("checkout");
        await temp.Store.AddBudgetAsync(BudgetParser.Parse(new BudgetDraft("Daily burn", "20", null, null, "2d", null, null), "b-r", project, Now), ct);

        var read = await temp.Store.GetBudgetAsync(project, "b-r", ct);

        Assert.NotNull(read);
        Assert.Equal(BudgetPeriodKind.Rolling, read.Period.Kind);
        Assert.Equal(48, read.Period.RollingHours);
        Assert.Empty(read.Scope);
        Assert.Equal(BudgetParser.DefaultThresholds, read.Thresholds);
    }

    [Fact]
    public async Task Budgets_are_listed_deleted_and_found_only_in_their_own_project()
    {
        await using var temp = await CreateStoreAsync();
        var ct = TestContext.Current.CancellationToken;
        var a = await temp.ProjectAsync("project-a");
        var b = await temp.ProjectAsync("project-b");
        await temp.Store.AddBudgetAsync(Budget("a-1", a, Now), ct);
        await temp.Store.AddBudgetAsync(Budget("a-2", a, Now.AddMinutes(1)), ct);
        await temp.Store.AddBudgetAsync(Budget("b-1", b, Now), ct);

        Assert.Equal(["a-1", "a-2"], (await temp.Store.ListBudgetsAsync(a, ct)).Select(x => x.Id));
        Assert.Null(await temp.Store.GetBudgetAsync(b, "a-1", ct));
        Assert.False(await temp.Store.DeleteBudgetAsync(b, "a-1", ct));
        Assert.True(await temp.Store.DeleteBudgetAsync(a, "a-1", ct));
        Assert.False(await temp.Store.DeleteBudgetAsync(a, "a-1", ct));
        Assert.Equal(["a-2"], (await temp.Store.ListBudgetsAsync(a, ct)).Select(x => x.Id));
        Assert.Equal(["b-1"], (await temp.Store.ListBudgetsAsync(b, ct)).Select(x => x.Id));
    }

    private static BudgetDefinition Budget(string id, string project, DateTimeOffset created) =>
        BudgetParser.Parse(new BudgetDraft("Budget " + id, "10", "day", "UTC", null, null, null), id, project, created);
}
