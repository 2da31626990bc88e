using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Outlay.Sdk.Hosting.Tests;

public sealed class AddOutlayTests
{
    private static HostApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }

    [Fact]
    public void Options_bind_from_the_configuration_section_and_code_wins_over_it()
    {
        var builder = Builder(new()
        {
            ["Outlay:Endpoint"] = "https://outlay.internal:8443/",
            ["Outlay:IngestKey"] = "olk_ingest_testonlynotakey",
            ["Outlay:Service"] = "checkout-api",
            ["Outlay:Environment"] = "staging",
            ["Outlay:Instance"] = "pod-3",
            ["Outlay:MaxQueueSize"] = "2500",
            ["Outlay:MaxBatchSize"] = "50",
            ["Outlay:FlushInterval"] = "00:00:07",
            ["Outlay:MaxRetryDelay"] = "00:00:30",
            ["Outlay:ShutdownTimeout"] = "00:00:03",
            ["Outlay:CompressRequests"] = "false",
            ["Outlay:BudgetRefreshInterval"] = "00:01:00",
            ["Outlay:BudgetStaleAfter"] = "00:10:00",
            ["Outlay:FailClosedBudgets:0"] = "Acme prod",
            ["Outlay:FailClosedBudgets:1"] = "Nightly batch",
        });
        builder.Services.AddOutlay(builder.Configuration.GetSection("Outlay"), options => options.Environment = "prod");
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<OutlayClientOptions>>().Value;

        Assert.Equal(new Uri("https://outlay.internal:8443/"), options.Endpoint);
        Assert.Equal("olk_ingest_testonlynotakey", options.IngestKey);
        Assert.Equal("checkout-api", options.Service);
        Assert.Equal("prod", options.Environment);
        Assert.Equal("pod-3", options.Instance);
        Assert.Equal(2500, options.MaxQueueSize);
        Assert.Equal(50, options.MaxBatchSize);
        Assert.Equal(TimeSpan.FromSeconds(7), options.FlushInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), options.MaxRetryDelay);
        Assert.Equal(TimeSpan.FromSeconds(3), options.ShutdownTimeout);
        Assert.False(options.CompressRequests);
        Assert.Equal(TimeSpan.FromSeconds(10), options.RequestTimeout); // absent: default kept
        Assert.Equal(TimeSpan.FromMinutes(1), options.BudgetRefreshInterval);
        Assert.Equal(TimeSpan.FromMinutes(10), options.BudgetStaleAfter);
        Assert.Equal(["Acme prod", "Nightly batch"], options.FailClosedBudgets.Order(StringComparer.Ordinal));
        Assert.Same(host.Services.GetRequiredService<OutlayClient>(), host.Services.GetRequiredService<OutlayClient>());
    }

    [Fact]
    public void Fail_closed_budgets_bind_from_one_comma_separated_value()
    {
        var builder = Builder(new() { ["Outlay:FailClosedBudgets"] = "Acme prod, Nightly batch,," });
        builder.Services.AddOutlay(builder.Configuration.GetSection("Outlay"));
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<OutlayClientOptions>>().Value;

        Assert.Equal(["Acme prod", "Nightly batch"], options.FailClosedBudgets.Order(StringComparer.Ordinal));
        Assert.Equal(TimeSpan.FromSeconds(30), options.BudgetRefreshInterval);
    }

    [Fact]
    public void An_invalid_value_names_the_key_but_not_the_value()
    {
        var builder = Builder(new() { ["Outlay:MaxQueueSize"] = "lots-and-lots", ["Outlay:IngestKey"] = "olk_ingest_secretvalue" });
        builder.Services.AddOutlay(builder.Configuration.GetSection("Outlay"));
        using var host = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<OutlayClient>());

        Assert.Contains("Outlay:MaxQueueSize", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("lots-and-lots", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("olk_ingest_secretvalue", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_out_of_range_value_gives_the_rule()
    {
        var builder = Builder(new() { ["Outlay:MaxBatchSize"] = "0" });
        builder.Services.AddOutlay(builder.Configuration.GetSection("Outlay"));
        using var host = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<OutlayClient>());

        Assert.Contains("Outlay:MaxBatchSize", error.Message, StringComparison.Ordinal);
        Assert.Contains("between 1 and 100,000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopAsync_flushes_queued_events_to_the_server()
    {
        var handler = new RecordingHandler();
        var builder = Builder(new()
        {
            ["Outlay:Endpoint"] = "http://outlay.test:5318",
            ["Outlay:IngestKey"] = "olk_ingest_testonlynotakey",
            ["Outlay:FlushInterval"] = "01:00:00",
        });
        builder.Services.AddOutlay(builder.Configuration.GetSection("Outlay"), options => options.HttpMessageHandler = handler);
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        var client = host.Services.GetRequiredService<OutlayClient>();

        client.Track(new UsageEvent { Provider = "openai", Model = "gpt-4o-mini", InputTokens = 10, OutputTokens = 2 });
        Assert.True(await client.FlushAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        for (var i = 0; i < 3; i++)
        {
            client.Track(new UsageEvent { Provider = "anthropic", Model = "claude-sonnet-4-5", InputTokens = 10, OutputTokens = 2 });
        }

        // The interval is an hour; only the hosted service's flush can send these before the host ends.
        await host.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal(4, handler.EventCount);
        var (request, _) = handler.Received.First();
        Assert.Equal(new Uri("http://outlay.test:5318/v1/events"), request.RequestUri);
        Assert.Equal("Bearer", request.Headers.Authorization?.Scheme);
        Assert.Equal("olk_ingest_testonlynotakey", request.Headers.Authorization?.Parameter);
        Assert.Equal(4, client.GetStatistics().Delivered);
    }

    [Fact]
    public void AddOutlay_twice_registers_one_client_and_one_flush_service()
    {
        var services = new ServiceCollection();
        services.AddOutlay().AddOutlay(options => options.Service = "svc");

        Assert.Single(services, d => d.ServiceType == typeof(OutlayClient));
        Assert.Single(services, d => d.ServiceType == typeof(IHostedService));
    }
}
