using System.Net;
using Microsoft.Extensions.AI;
using Outlay.Sdk.Budgets;
using Outlay.Sdk.Extensions.AI.Tests.Support;

namespace Outlay.Sdk.Extensions.AI.Tests;

/// <summary>The opt-in budget policy of the middleware: refuse or ask before the provider is called, and cost nothing when off.</summary>
public sealed class BudgetPolicyTests
{
    private static readonly ChatMessage[] Prompt = [new(ChatRole.User, "hello")];

    [Fact]
    public async Task Throw_mode_refuses_a_call_an_exceeded_budget_would_count_without_calling_the_provider()
    {
        await using var outlay = new BudgetOutlay();
        Assert.True(await outlay.Client.Budgets.RefreshAsync(TestContext.Current.CancellationToken));
        var inner = new ScriptedChatClient(new ChatClientMetadata("openai", null, "gpt-4o-mini"));
        using var client = new ChatClientBuilder(inner).UseOutlay(outlay.Client, o => o.BudgetPolicy.Mode = BudgetEnforcement.Throw).Build();

        BudgetExceededException refused;
        using (OutlayTags.Begin("customer", "acme"))
        {
            refused = await Assert.ThrowsAsync<BudgetExceededException>(() => client.GetResponseAsync(Prompt, cancellationToken: TestContext.Current.CancellationToken));
        }

        Assert.Empty(inner.ReceivedOptions);
        var budget = Assert.Single(refused.Budgets);
        Assert.Equal("Acme prod", budget.Name);
        Assert.Equal(BudgetState.Exceeded, budget.State);
        Assert.Equal(104.25m, budget.Percentage);
        Assert.Equal("Outlay budget 'Acme prod' (exceeded, 104.25%) counts as exceeded; the provider was not called.", refused.Message);

        // Another customer's call is counted by no exceeded budget ("Everything" is only at warning): it goes through.
        using (OutlayTags.Begin("customer", "globex"))
        {
            await client.GetResponseAsync(Prompt, cancellationToken: TestContext.Current.CancellationToken);
        }

        Assert.Single(inner.ReceivedOptions);
        Assert.Equal(1, await outlay.EventCountAsync()); // the refused call was not recorded: nothing was spent
    }

    [Fact]
    public async Task The_call_scope_uses_the_requested_or_default_model_the_key_label_and_per_call_tags()
    {
        await using var outlay = new BudgetOutlay();
        Assert.True(await outlay.Client.Budgets.RefreshAsync(TestContext.Current.CancellationToken));
        var inner = new ScriptedChatClient(new ChatClientMetadata("openai", null, "gpt-4o"));
        using var client = new ChatClientBuilder(inner)
            .UseOutlay(outlay.Client, o =>
            {
                o.KeyLabel = "openai-prod";
                o.BudgetPolicy.Mode = BudgetEnforcement.Throw;
            })
            .Build();
        var ct = TestContext.Current.CancellationToken;

        // No model in the options: the inner client's default (gpt-4o) is the one that would be called.
        var byDefault = await Assert.ThrowsAsync<BudgetExceededException>(() => client.GetResponseAsync(Prompt, cancellationToken: ct));
        Assert.Equal("GPT-4o via prod key", Assert.Single(byDefault.Budgets).Name);
        await client.GetResponseAsync(Prompt, new ChatOptions { ModelId = "gpt-4o-mini" }, ct);
        var perCall = new ChatOptions
        {
            ModelId = "gpt-4o-mini",
            AdditionalProperties = new() { [OutlayTags.PerCallKey] = new Dictionary<string, string> { ["customer"] = "acme" } },
        };
        var byTag = await Assert.ThrowsAsync<BudgetExceededException>(() => client.GetResponseAsync(Prompt, perCall, ct));

        Assert.Equal("Acme prod", Assert.Single(byTag.Budgets).Name);
        Assert.Single(inner.ReceivedOptions);
    }

    [Fact]
    public async Task A_stream_is_refused_when_it_is_requested_before_the_provider_is_asked()
    {
        await using var outlay = new BudgetOutlay();
        Assert.True(await outlay.Client.Budgets.RefreshAsync(TestContext.Current.CancellationToken));
        var inner = new ScriptedChatClient(new ChatClientMetadata("openai", null, "gpt-4o-mini"))
        {
            StreamUpdates = [new ChatResponseUpdate(ChatRole.Assistant, "x")],
        };
        using var client = new ChatClientBuilder(inner).UseOutlay(outlay.Client, o => o.BudgetPolicy.Mode = BudgetEnforcement.Throw).Build();

        using (OutlayTags.Begin("customer", "acme"))
        {
            Assert.Throws<BudgetExceededException>(() => client.GetStreamingResponseAsync(Prompt, cancellationToken: TestContext.Current.CancellationToken));
        }

        Assert.Empty(inner.ReceivedOptions);
        await foreach (var _ in client.GetStreamingResponseAsync(Prompt, cancellationToken: TestContext.Current.CancellationToken))
        {
        }

        Assert.Single(inner.ReceivedOptions);
    }

    [Fact]
    public async Task Embeddings_are_refused_by_a_budget_on_the_embeddings_operation()
    {
        await using var outlay = new BudgetOutlay();
        Assert.True(await outlay.Client.Budgets.RefreshAsync(TestContext.Current.CancellationToken));
        var inner = new ScriptedEmbeddingGenerator(new EmbeddingGeneratorMetadata("openai", null, "text-embedding-3-small"), [new Embedding<float>(new float[] { 1f })]);
        using var generator = new EmbeddingGeneratorBuilder<string, Embedding<float>>(inner)
            .UseOutlay(outlay.Client, o => o.BudgetPolicy.Mode = BudgetEnforcement.Throw)
            .Build();

        var refused = await Assert.ThrowsAsync<BudgetExceededException>(() => generator.GenerateAsync(["text"], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("Embeddings", Assert.Single(refused.Budgets).Name);
        Assert.Contains("250.5%", refused.Message, StringComparison.Ordinal);
        Assert.Empty(inner.ReceivedOptions);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Callback_mode_asks_the_application_which_may_allow_the_call_or_refuse_it(bool allow)
    {
        await using var outlay = new BudgetOutlay();
        Assert.True(await outlay.Client.Budgets.RefreshAsync(TestContext.Current.CancellationToken));
        var inner = new ScriptedChatClient(new ChatClientMetadata("openai", null, "gpt-4o-mini"));
        var asked = new List<BudgetExceededContext>();
        using var client = new ChatClientBuilder(inner)
            .UseOutlay(outlay.Client, o =>
            {
                o.BudgetPolicy.Mode = BudgetEnforcement.Callback;
                o.BudgetPolicy.OnExceeded = context =>
                {
                    asked.Add(context);
                    return allow;
                };
            })
            .Build();

        using (OutlayTags.Begin("customer", "acme"))
        {
            var call = client.GetResponseAsync(Prompt, cancellationToken: TestContext.Current.CancellationToken);
            if (allow)
            {
                await call;
            }
            else
            {
                await Assert.ThrowsAsync<BudgetExceededException>(() => call);
            }
        }

        var context = Assert.Single(asked);
        Assert.Equal("chat", context.Operation);
        Assert.Equal(["Acme prod"], context.Exceeded.Select(s => s.Name));
        Assert.Equal(["Acme prod", "Everything"], context.Matching.Select(s => s.Name));
        Assert.Equal("openai", context.Call.Provider);
        Assert.Equal("gpt-4o-mini", context.Call.Model);
        Assert.Equal("acme", context.Call.Tags!["customer"]);
        Assert.Equal(allow ? 1 : 0, inner.ReceivedOptions.Count);
    }

    [Fact]
    public async Task Off_never_consults_budgets_and_makes_no_status_request()
    {
        await using var outlay = new BudgetOutlay();
        var inner = new ScriptedChatClient(new ChatClientMetadata("openai", null, "gpt-4o-mini"));
        using var client = new ChatClientBuilder(inner).UseOutlay(outlay.Client).Build();

        using (OutlayTags.Begin("customer", "acme"))
        {
            await client.GetResponseAsync(Prompt, cancellationToken: TestContext.Current.CancellationToken);
        }

        Assert.Equal(1, await outlay.EventCountAsync());
        Assert.False(outlay.Client.Budgets.RefreshStarted);
        Assert.Equal(0, outlay.StatusRequests);
    }

    [Fact]
    public async Task With_the_server_unreachable_budgets_fail_open_unless_named_fail_closed()
    {
        await using var open = new BudgetOutlay { StatusCode = HttpStatusCode.ServiceUnavailable };
        await using var closed = new BudgetOutlay("Acme prod") { StatusCode = HttpStatusCode.ServiceUnavailable };
        Assert.False(await open.Client.Budgets.RefreshAsync(TestContext.Current.CancellationToken));
        Assert.False(await closed.Client.Budgets.RefreshAsync(TestContext.Current.CancellationToken));
        var inner = new ScriptedChatClient(new ChatClientMetadata("openai", null, "gpt-4o-mini"));
        using var failOpen = new ChatClientBuilder(inner).UseOutlay(open.Client, o => o.BudgetPolicy.Mode = BudgetEnforcement.Throw).Build();
        using var failClosed = new ChatClientBuilder(inner).UseOutlay(closed.Client, o => o.BudgetPolicy.Mode = BudgetEnforcement.Throw).Build();

        await failOpen.GetResponseAsync(Prompt, cancellationToken: TestContext.Current.CancellationToken);
        var refused = await Assert.ThrowsAsync<BudgetExceededException>(() => failClosed.GetResponseAsync(Prompt, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Single(inner.ReceivedOptions);
        var unknown = Assert.Single(refused.Budgets);
        Assert.Equal(BudgetState.Unknown, unknown.State);
        Assert.Equal("Outlay budget 'Acme prod' (unknown, fails closed) counts as exceeded; the provider was not called.", refused.Message);
    }

    [Fact]
    public async Task Callback_mode_without_a_callback_is_refused_when_the_pipeline_is_built()
    {
        await using var outlay = new BudgetOutlay();
        var builder = new ChatClientBuilder(new ScriptedChatClient());

        var error = Assert.Throws<InvalidOperationException>(() => builder.UseOutlay(outlay.Client, o => o.BudgetPolicy.Mode = BudgetEnforcement.Callback));

        Assert.Contains("OnExceeded", error.Message, StringComparison.Ordinal);
    }
}
