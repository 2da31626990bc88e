using Outlay.Server.BrowserTests.Support;

namespace Outlay.Server.BrowserTests;

/// <summary>
/// The data every browser test reads is what the harness claims: sent through the real SDK, stored, and the
/// foreign project's invisible to the main project's read key. Without this a dashboard test could pass on an
/// empty store.
/// </summary>
public sealed class SeedHarnessTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task The_read_key_sees_the_seeded_week_and_nothing_of_the_foreign_project()
    {
        await using var session = await fixture.StartSessionAsync();
        var server = fixture.Server;
        var ct = TestContext.Current.CancellationToken;

        var byModel = await server.GetSpendAsync("from=10d&groupBy=model,service", ct);
        var rows = byModel.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(server.SeededEvents, rows.Sum(r => r.GetProperty("events").GetInt64()));
        Assert.Equal(SeedData.Workloads.Select(w => (w.Model, w.Service)).Distinct().Count(), rows.Count);
        Assert.Contains(rows, r => r.GetProperty("model").GetString() == SeedData.UnpricedModel && r.GetProperty("unpriced_events").GetInt64() > 0);
        Assert.True(byModel.GetProperty("total_cost_usd").GetDecimal() > 0m);

        var text = await server.GetApiTextAsync("/api/v1/spend?from=10d&groupBy=service,key_label,tag.customer,tag.feature", ct);
        Assert.DoesNotContain("zz-foreign", text, StringComparison.Ordinal);

        // The browser itself starts and renders: the harness is whole.
        var page = await session.NewPageAsync();
        await page.SetContentAsync("<p data-testid=\"probe\">ready</p>");
        Assert.Equal("ready", await DashboardPages.TextAsync(page, "probe"));
    }
}
