using static Outlay.Server.Tests.Detection.DetectionServer;

namespace Outlay.Server.Tests.Detection;

/// <summary>The server's own detection loop: on by default, and with a short interval it raises a finding by itself.</summary>
public sealed class DetectionLoopTests
{
    [Fact]
    public void Detection_runs_every_five_minutes_unless_turned_off()
    {
        var options = new OutlayServerOptions { StorePath = "unused.db" };
        Assert.Equal(TimeSpan.FromMinutes(5), options.DetectionInterval);

        options.DetectionInterval = TimeSpan.FromMilliseconds(10);
        Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        options.DetectionInterval = TimeSpan.Zero;
        options.Validate();
    }

    [Fact]
    public async Task The_servers_own_loop_raises_a_retired_label_finding()
    {
        await using var server = await StartAsync(detectionInterval: TimeSpan.FromSeconds(1));
        await server.IngestAsync([Event(Now.AddDays(-3), "openai-2025", service: "batch"), Event(Now.AddMinutes(-1), "openai-2025", service: "batch")]);
        await server.RetireAsync("openai-2025", Now.AddDays(-1), "openai-2026");

        var started = TimeProvider.System.GetTimestamp();
        while ((await server.FindingsAsync()).Count == 0)
        {
            Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(30), "no finding 30 s after the retirement; the loop runs every second");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        var finding = Assert.Single(await server.FindingsAsync());
        Assert.Equal("retired_credential_in_use", finding.GetProperty("kind").GetString());
        Assert.Contains(server.Server.Logs.Lines, l => l.Contains("Finding retired_credential_in_use (critical)", StringComparison.Ordinal));
    }
}
