using Microsoft.Extensions.AI;
using Outlay.Sdk.Extensions.AI.Tests.Support;

namespace Outlay.Sdk.Extensions.AI.Tests;

public sealed class ServiceProviderTests
{
    private static readonly ChatMessage[] Prompt = [new(ChatRole.User, "hello")];

    [Fact]
    public async Task UseOutlay_without_a_client_resolves_the_registered_one()
    {
        await using var outlay = new RecordingOutlay();
        var inner = new ScriptedChatClient(new ChatClientMetadata("openai", null, "gpt-4o"));
        using var client = new ChatClientBuilder(inner).UseOutlay(o => o.Tags["feature"] = "di").Build(new SingleServiceProvider(outlay.Client));

        await client.GetResponseAsync(Prompt, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("di", (await outlay.SingleEventAsync()).Tags()["feature"]);
    }

    [Fact]
    public void UseOutlay_without_a_registered_client_fails_at_build_naming_AddOutlay()
    {
        var builder = new ChatClientBuilder(new ScriptedChatClient()).UseOutlay();

        var error = Assert.Throws<InvalidOperationException>(() => builder.Build(new SingleServiceProvider(null)));

        Assert.Contains("AddOutlay", error.Message, StringComparison.Ordinal);
    }

    private sealed class SingleServiceProvider(OutlayClient? client) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(OutlayClient) ? client : null;
    }
}
