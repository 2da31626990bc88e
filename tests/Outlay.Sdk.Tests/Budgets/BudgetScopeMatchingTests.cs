using System.Text;
using System.Text.Json;
using Outlay.Sdk.Budgets;
using Outlay.Sdk.Tests.Support;

namespace Outlay.Sdk.Tests.Budgets;

/// <summary>Which budgets count a prospective call: the server's filter semantics, applied in the SDK.</summary>
public sealed class BudgetScopeMatchingTests
{
    // The client's defaults in these rows: Service = checkout-api, Environment = prod.
    [Theory]
    [InlineData("", "", true)] // the whole project
    [InlineData("environment:prod", "", true)] // the client's default environment stands in
    [InlineData("environment:prod", "environment=staging", false)]
    [InlineData("environment:prod|staging", "environment=staging", true)]
    [InlineData("service:checkout-api", "", true)]
    [InlineData("service:billing", "", false)]
    [InlineData("service:billing", "service=billing", true)]
    [InlineData("provider:openai", "provider=OpenAI", true)] // the server stores providers lower-cased
    [InlineData("provider:openai", "", false)] // unset matches nothing, as on the server
    [InlineData("model:gpt-4o", "model=gpt-4o", true)]
    [InlineData("model:gpt-4o", "model=GPT-4o", false)] // models compare exactly
    [InlineData("model:gpt-4o", "model=gpt-4o-mini", false)]
    [InlineData("key_label:openai-prod", "key_label=openai-prod", true)]
    [InlineData("key_label:openai-prod", "", false)]
    [InlineData("operation:chat", "", true)] // the server's default operation
    [InlineData("operation:embeddings", "", false)]
    [InlineData("operation:embeddings", "operation=embeddings", true)]
    [InlineData("service_tier:default", "", true)]
    [InlineData("service_tier:batch", "", false)]
    [InlineData("status:error", "", true)] // unknowable before the call: it may be counted
    [InlineData("tag.customer:acme", "tag.customer=acme", true)]
    [InlineData("tag.customer:acme|globex", "tag.customer=globex", true)]
    [InlineData("tag.customer:acme", "tag.customer=globex", false)]
    [InlineData("tag.customer:acme", "tag.feature=acme", false)]
    [InlineData("tag.customer:acme", "", false)]
    [InlineData("environment:prod,tag.customer:acme", "tag.customer=acme", true)] // every filter must match
    [InlineData("environment:prod,tag.customer:acme", "environment=staging,tag.customer=acme", false)]
    [InlineData("environment:prod,tag.customer:acme", "environment=prod", false)]
    public async Task A_budget_counts_a_call_when_every_filter_of_its_scope_matches(string scope, string call, bool expected)
    {
        var handler = new StatusHandler { Respond = (_, _) => Task.FromResult(StatusHandler.Json(Answer("b", "exceeded", Split(scope)))) };
        await using var client = BudgetTestClient.Create(handler, BudgetTestClient.Clock());
        Assert.True(await client.Budgets.RefreshAsync(TestContext.Current.CancellationToken));
        var callScope = Call(call);

        Assert.Equal(expected, client.Budgets.IsExceeded(callScope));
        Assert.Equal(expected ? ["b"] : [], client.Budgets.Matching(callScope).Select(s => s.Name));
    }

    [Fact]
    public async Task Matching_lists_every_budget_that_counts_the_call_in_any_state()
    {
        var handler = new StatusHandler();
        await using var client = BudgetTestClient.Create(handler, BudgetTestClient.Clock());
        Assert.True(await client.Budgets.RefreshAsync(TestContext.Current.CancellationToken));

        var embeddingsForAcme = new BudgetCallScope
        {
            Provider = "openai",
            Operation = "embeddings",
            Tags = new Dictionary<string, string> { ["customer"] = "acme" },
        };
        var matching = client.Budgets.Matching(embeddingsForAcme);

        Assert.Equal(["Acme prod", "Embeddings"], matching.Select(s => s.Name));
        Assert.Equal([BudgetState.Exceeded, BudgetState.Warning], matching.Select(s => s.State));
        Assert.True(client.Budgets.IsExceeded(embeddingsForAcme));
        Assert.False(client.Budgets.IsExceeded(new BudgetCallScope { Provider = "azure", Operation = "embeddings" }));
        Assert.Equal(["Staging"], client.Budgets.Matching(new BudgetCallScope { Environment = "staging" }).Select(s => s.Name));
    }

    [Theory]
    [InlineData("environment")]
    [InlineData(":prod")]
    [InlineData("environment:prod|")]
    [InlineData("tag.:x")]
    public async Task A_scope_the_SDK_cannot_read_makes_the_budget_unknown_rather_than_wider_or_narrower(string unreadable)
    {
        var handler = new StatusHandler { Respond = (_, _) => Task.FromResult(StatusHandler.Json(Answer("b", "exceeded", [unreadable]))) };
        await using var client = BudgetTestClient.Create(handler, BudgetTestClient.Clock());
        Assert.True(await client.Budgets.RefreshAsync(TestContext.Current.CancellationToken));

        var status = client.Budgets.GetStatus("b");
        Assert.Equal(BudgetState.Unknown, status.State);
        Assert.False(status.CountsAsExceeded);
    }

    [Fact]
    public async Task Unknown_fields_and_states_from_a_newer_server_are_tolerated()
    {
        const string Newer = """
            {"as_of":"2026-11-23T10:15:02Z","future":{"x":1},"budgets":[
            {"name":"a","state":"exceeded","percentage":101,"scope":[],"period":"day","resets_at":"2026-11-24T00:00:00Z","forecast_state":"x"},
            {"name":"b","state":"paused","percentage":5,"scope":[]},
            {"state":"ok"}]}
            """;
        var handler = new StatusHandler { Respond = (_, _) => Task.FromResult(StatusHandler.Json(Newer)) };
        await using var client = BudgetTestClient.Create(handler, BudgetTestClient.Clock());

        Assert.True(await client.Budgets.RefreshAsync(TestContext.Current.CancellationToken));

        Assert.True(client.Budgets.IsExceeded("a"));
        Assert.Equal(BudgetState.Unknown, client.Budgets.GetStatus("b").State);
        Assert.Equal(["a", "b"], client.Budgets.Matching(new BudgetCallScope()).Select(s => s.Name));
    }

    private static string[] Split(string list) => list.Length == 0 ? [] : list.Split(',');

    private static string Answer(string name, string state, string[] scope)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("as_of", RecordedStatus.AsOf);
            writer.WriteStartArray("budgets");
            writer.WriteStartObject();
            writer.WriteString("name", name);
            writer.WriteString("state", state);
            writer.WriteNumber("percentage", 100m);
            writer.WriteStartArray("scope");
            foreach (var filter in scope)
            {
                writer.WriteStringValue(filter);
            }

            writer.WriteEndArray();
            writer.WriteString("period", "rolling");
            writer.WriteNull("resets_at");
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static BudgetCallScope Call(string text)
    {
        var call = new BudgetCallScope();
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in Split(text))
        {
            var (key, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            switch (key)
            {
                case "provider": call.Provider = value; break;
                case "model": call.Model = value; break;
                case "operation": call.Operation = value; break;
                case "service": call.Service = value; break;
                case "environment": call.Environment = value; break;
                case "key_label": call.KeyLabel = value; break;
                default: tags[key["tag.".Length..]] = value; break;
            }
        }

        call.Tags = tags.Count == 0 ? null : tags;
        return call;
    }
}
