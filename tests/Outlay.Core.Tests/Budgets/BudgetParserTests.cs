using Outlay.Core.Budgets;
using Outlay.Core.Querying;

namespace Outlay.Core.Tests.Budgets;

/// <summary>Budget validation: defaults, exact amounts, and errors that name the field.</summary>
public sealed class BudgetParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_minimal_budget_is_a_monthly_utc_budget_of_the_whole_project_with_default_thresholds()
    {
        var budget = BudgetParser.Parse(new BudgetDraft(" All spend ", "500", null, null, null, null, null), "b", "p", Now);

        Assert.Equal("All spend", budget.Name);
        Assert.Equal(500L * 1_000_000_000L, budget.AmountNanoUsd);
        Assert.Equal(BudgetPeriodKind.Month, budget.Period.Kind);
        Assert.Same(TimeZoneInfo.Utc, budget.Period.TimeZone);
        Assert.Empty(budget.Scope);
        Assert.Equal([50, 80, 100], budget.Thresholds);
    }

    [Fact]
    public void Amounts_are_exact_to_the_nano_dollar_and_scope_uses_spend_filter_syntax()
    {
        var budget = BudgetParser.Parse(
            new BudgetDraft("Acme", "0.000000001", "week", "Europe/Berlin", null, ["environment:prod", "tag.customer:acme|globex"], [120, 10]),
            "b",
            "p",
            Now);

        Assert.Equal(1L, budget.AmountNanoUsd);
        Assert.Equal("environment", budget.Scope[0].Dimension.Name);
        Assert.Equal(["acme", "globex"], budget.Scope[1].Values);
        Assert.Equal("customer", budget.Scope[1].Dimension.TagName);
        Assert.Equal([10, 120], budget.Thresholds);
    }

    [Theory]
    [InlineData("name", null, "10", null, null, null, null)]
    [InlineData("name", "   ", "10", null, null, null, null)]
    [InlineData("amount", "b", null, null, null, null, null)]
    [InlineData("amount", "b", "0", null, null, null, null)]
    [InlineData("amount", "b", "-5", null, null, null, null)]
    [InlineData("amount", "b", "1e3", null, null, null, null)]
    [InlineData("amount", "b", "1,000", null, null, null, null)]
    [InlineData("amount", "b", "0.0000000001", null, null, null, null)]
    [InlineData("amount", "b", "1000000001", null, null, null, null)]
    [InlineData("period", "b", "10", "year", null, null, null)]
    [InlineData("time_zone", "b", "10", "month", "Mars/Olympus", null, null)]
    [InlineData("time_zone", "b", "10", "month", "../etc/passwd", null, null)]
    [InlineData("time_zone", "b", "10", "rolling", "UTC", "24h", null)]
    [InlineData("rolling", "b", "10", "rolling", null, null, null)]
    [InlineData("rolling", "b", "10", "month", null, "24h", null)]
    [InlineData("rolling", "b", "10", null, null, "0h", null)]
    [InlineData("rolling", "b", "10", null, null, "91d", null)]
    [InlineData("rolling", "b", "10", null, null, "90m", null)]
    [InlineData("rolling", "b", "10", null, null, "1.5h", null)]
    [InlineData("scope", "b", "10", null, null, null, "colour:red")]
    [InlineData("scope", "b", "10", null, null, null, "environment")]
    [InlineData("scope", "b", "10", null, null, null, "environment:")]
    public void Invalid_fields_are_named_in_the_error(string field, string? name, string? amount, string? period, string? zone, string? rolling, string? scope)
    {
        var draft = new BudgetDraft(name, amount, period, zone, rolling, scope is null ? null : [scope], null);

        var error = Assert.Throws<BudgetValidationException>(() => BudgetParser.Parse(draft, "b", "p", Now));

        Assert.Equal(field, error.Field);
        Assert.StartsWith(field + ": ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_over_100_characters_and_bad_thresholds_are_refused()
    {
        Assert.Equal("name", Refused(new BudgetDraft(new string('n', 101), "1", null, null, null, null, null)));
        Assert.Equal("thresholds", Refused(new BudgetDraft("b", "1", null, null, null, null, [0])));
        Assert.Equal("thresholds", Refused(new BudgetDraft("b", "1", null, null, null, null, [1001])));
        Assert.Equal("thresholds", Refused(new BudgetDraft("b", "1", null, null, null, null, [50, 50])));
        Assert.Equal("thresholds", Refused(new BudgetDraft("b", "1", null, null, null, null, Enumerable.Range(1, 11).ToList())));
        Assert.Equal("scope", Refused(new BudgetDraft("b", "1", null, null, null, Enumerable.Range(0, SpendQueryParser.MaxFilters + 1).Select(i => "model:m" + i).ToList(), null)));
        var longest = BudgetParser.Parse(new BudgetDraft(new string('n', 100), "1", null, null, null, null, [1, 1000]), "b", "p", Now);
        Assert.Equal(100, longest.Name.Length);
    }

    [Fact]
    public void Errors_do_not_repeat_the_refused_value()
    {
        var error = Assert.Throws<BudgetValidationException>(() =>
            BudgetParser.Parse(new BudgetDraft("b", "secret-looking-amount", null, null, null, null, null), "b", "p", Now));

        Assert.DoesNotContain("secret-looking-amount", error.Message, StringComparison.Ordinal);
    }

    private static string Refused(BudgetDraft draft) =>
        Assert.Throws<BudgetValidationException>(() => BudgetParser.Parse(draft, "b", "p", Now)).Field;
}
