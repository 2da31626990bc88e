using System.ClientModel;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using Outlay.Core.Keys;
using Outlay.Sdk;
using Outlay.Sdk.Budgets;
using Outlay.Sdk.Extensions.AI;
using Outlay.Server.IntegrationTests.Support;

namespace Outlay.Server.IntegrationTests;

/// <summary>
/// Passive enforcement end to end: an admin creates a budget on a real server, the application's SDK (ingest key only)
/// spends past it, sees it exceeded from its cache after one refresh, and the MEAI middleware refuses the next call
/// before the (fake) OpenAI API is asked.
/// </summary>
public sealed class SdkBudgetEnforcementTests
{
    [Fact]
    public async Task Spend_past_a_budget_makes_the_SDK_see_it_exceeded_and_the_middleware_refuse_before_the_provider()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var outlay = await OutlayUnderTest.StartAsync();
        await using var provider = await FakeOpenAiProvider.StartAsync("{}", "application/json");
        var projectId = (await outlay.App.Store.EnsureProjectAsync("integration", ct)).Id;
        var (adminKey, adminRecord) = ApiKeyFactory.Create(ApiKeyKind.Admin, projectId, null, null, DateTimeOffset.UtcNow);
        await outlay.App.Store.AddKeyAsync(adminRecord, ct);
        using (var http = new HttpClient { BaseAddress = outlay.App.Addresses[0] })
        using (var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/budgets"))
        {
            create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
            create.Content = new StringContent(
                "{\"name\":\"Acme prod\",\"amount\":\"0.000001\",\"period\":\"month\",\"scope\":[\"environment:prod\",\"tag.customer:acme\"]}",
                Encoding.UTF8,
                "application/json");
            using var created = await http.SendAsync(create, ct);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await using var client = new OutlayClient(new OutlayClientOptions
        {
            Endpoint = outlay.App.Addresses[0],
            IngestKey = outlay.IngestKey,
            Service = "checkout-api",
            Environment = "prod",
            FlushInterval = TimeSpan.FromMilliseconds(50),
        });
        Assert.True(await client.Budgets.RefreshAsync(ct));
        Assert.Equal(BudgetState.Ok, client.Budgets.GetStatus("Acme prod").State);

        Assert.True(client.Track(new Outlay.Sdk.UsageEvent
        {
            Provider = "openai",
            Model = "gpt-4o-mini",
            InputTokens = 1200,
            OutputTokens = 300,
            Tags = new Dictionary<string, string> { ["customer"] = "acme" },
        }));
        Assert.True(await client.FlushAsync(TimeSpan.FromSeconds(30), ct));
        Assert.True(await client.Budgets.RefreshAsync(ct));

        var status = client.Budgets.GetStatus("Acme prod");
        Assert.Equal(BudgetState.Exceeded, status.State);
        Assert.True(status.Percentage > 100m);
        Assert.False(status.IsStale);
        Assert.Equal(["environment:prod", "tag.customer:acme"], status.Scope);
        Assert.Equal("month", status.Period);
        Assert.NotNull(status.ResetsAt);
        Assert.True(client.Budgets.IsExceeded(new BudgetCallScope { Tags = new Dictionary<string, string> { ["customer"] = "acme" } }));
        Assert.False(client.Budgets.IsExceeded(new BudgetCallScope { Tags = new Dictionary<string, string> { ["customer"] = "globex" } }));

        // The application's real pipeline: the OpenAI SDK behind Microsoft.Extensions.AI, with the budget policy on.
        var openAi = new ChatClient("gpt-4o-mini", new ApiKeyCredential("not-a-real-key"), new OpenAIClientOptions { Endpoint = provider.Endpoint });
        using var chat = openAi.AsIChatClient()
            .AsBuilder()
            .UseOutlay(client, o => o.BudgetPolicy.Mode = BudgetEnforcement.Throw)
            .Build();
        BudgetExceededException refused;
        using (OutlayTags.Begin("customer", "acme"))
        {
            refused = await Assert.ThrowsAsync<BudgetExceededException>(() => chat.GetResponseAsync("Summarise this.", cancellationToken: ct));
        }

        Assert.Equal("Acme prod", Assert.Single(refused.Budgets).Name);
        Assert.Equal(0, provider.Requests);
    }
}
