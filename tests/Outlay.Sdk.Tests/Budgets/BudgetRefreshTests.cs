using System.Net;
using Outlay.Sdk.Budgets;
using Outlay.Sdk.Tests.Support;

namespace Outlay.Sdk.Tests.Budgets;

/// <summary>
/// The budget cache: lazy start, never a network call on the caller's path, the refresh rhythm, and what a refresh
/// failure leaves behind. Time is a manual clock; requests go through a recorded-answer HTTP handler.
/// </summary>
public sealed class BudgetRefreshTests
{
    [Fact]
    public async Task An_application_that_never_asks_makes_no_status_request()
    {
        var handler = new StatusHandler();
        var time = BudgetTestClient.Clock();
        await using var client = BudgetTestClient.Create(handler, time);

        // Tracking events and reading the Budgets property is not asking about a budget.
        client.Track(TestOptions.Event());
        Assert.True(await client.FlushAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        var budgets = client.Budgets;
        time.Advance(TimeSpan.FromHours(1));

        Assert.False(budgets.RefreshStarted);
        Assert.Equal(0, handler.StatusRequestCount);

        // The first question starts the refresh.
        Assert.Equal(BudgetState.Unknown, budgets.GetStatus("Acme prod").State);
        Assert.True(budgets.RefreshStarted);
        var request = await handler.NextStatusRequestAsync();
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("http://outlay.test:5318/api/v1/budgets/status", request.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer", request.Headers.Authorization!.Scheme);
        Assert.Equal(BudgetTestClient.IngestKey, request.Headers.Authorization.Parameter);
    }

    [Fact]
    public async Task GetStatus_answers_at_once_while_the_status_request_is_still_waiting_for_the_server()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new StatusHandler();
        handler.Respond = async (_, ct) =>
        {
            await release.Task.WaitAsync(ct);
            return StatusHandler.Json(RecordedStatus.Body);
        };
        var time = BudgetTestClient.Clock();
        await using var client = BudgetTestClient.Create(handler, time);

        var first = client.Budgets.GetStatus("Acme prod");
        await handler.NextStatusRequestAsync();

        // The request is in flight and blocked; the caller's path still gets its answer from the cache.
        var whileBlocked = client.Budgets.GetStatus("Acme prod");
        var exceededWhileBlocked = client.Budgets.IsExceeded(new BudgetCallScope { Tags = new Dictionary<string, string> { ["customer"] = "acme" } });
        Assert.False(release.Task.IsCompleted);
        Assert.Equal(BudgetState.Unknown, first.State);
        Assert.Equal(BudgetState.Unknown, whileBlocked.State);
        Assert.True(whileBlocked.IsStale);
        Assert.Null(whileBlocked.Percentage);
        Assert.False(exceededWhileBlocked);

        release.SetResult();
        Assert.True(await client.Budgets.RefreshAsync(TestContext.Current.CancellationToken));
        Assert.Equal(BudgetState.Exceeded, client.Budgets.GetStatus("Acme prod").State);
    }

    [Fact]
    public async Task RefreshAsync_warms_the_cache_and_the_background_refresh_then_asks_once_per_jittered_interval()
    {
        var handler = new StatusHandler();
        var time = BudgetTestClient.Clock();
        await using var client = BudgetTestClient.Create(handler, time);

        Assert.True(await client.Budgets.RefreshAsync(TestContext.Current.CancellationToken));

        var acme = client.Budgets.GetStatus("Acme prod");
        Assert.Equal("Acme prod", acme.Name);
        Assert.Equal(BudgetState.Exceeded, acme.State);
        Assert.Equal(104.25m, acme.Percentage);
        Assert.Equal(RecordedStatus.AsOf, acme.AsOf);
        Assert.False(acme.IsStale);
        Assert.Equal(["environment:prod", "tag.customer:acme"], acme.Scope);
        Assert.Equal("month", acme.Period);
        Assert.Equal(RecordedStatus.MonthEnd, acme.ResetsAt);
        Assert.True(acme.CountsAsExceeded);
        Assert.True(client.Budgets.IsExceeded("Acme prod"));
        Assert.False(client.Budgets.IsExceeded("Staging"));
        Assert.False(client.Budgets.IsExceeded("Embeddings"));
        Assert.Equal(BudgetState.Warning, client.Budgets.GetStatus("Embeddings").State);
        Assert.Null(client.Budgets.GetStatus("Embeddings").ResetsAt);
        Assert.Equal(BudgetState.Unknown, client.Budgets.GetStatus("No such budget").State);
        Assert.False(client.Budgets.IsExceeded("No such budget"));
        Assert.Equal(1, handler.StatusRequestCount);

        // The refresh started by RefreshAsync waits one interval (30 s ± 10%) before it asks again: no double request.
        var wait = await time.WaitForTimerAsync(d => d >= TimeSpan.FromSeconds(27) && d <= TimeSpan.FromSeconds(33));
        Assert.Equal(1, handler.StatusRequestCount);
        time.Advance(wait);
        await handler.NextStatusRequestAsync();
        await handler.NextStatusRequestAsync();
        Assert.Equal(2, handler.StatusRequestCount);
    }

    [Fact]
    public async Task A_stale_status_fails_open_except_for_budgets_named_fail_closed()
    {
        var firstAnswer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new StatusHandler();
        handler.Respond = async (n, ct) =>
        {
            if (n == 0)
            {
                await firstAnswer.Task.WaitAsync(ct);
            }

            return StatusHandler.Json(RecordedStatus.Body);
        };
        var time = BudgetTestClient.Clock();
        await using var client = BudgetTestClient.Create(handler, time, "Staging", "Not listed yet");

        // Before anything is known (the first request is held): unknown fails open, except for the fail-closed names,
        // whose scopes are not known yet, so they match any call.
        Assert.False(client.Budgets.IsExceeded("Acme prod"));
        Assert.True(client.Budgets.IsExceeded("Staging"));
        Assert.True(client.Budgets.IsExceeded(new BudgetCallScope { Model = "gpt-4o" }));
        Assert.Equal(["Not listed yet", "Staging"], client.Budgets.Matching(new BudgetCallScope()).Select(s => s.Name));
        firstAnswer.SetResult();

        Assert.True(await client.Budgets.RefreshAsync(TestContext.Current.CancellationToken));
        Assert.True(client.Budgets.IsExceeded("Acme prod"));
        Assert.False(client.Budgets.IsExceeded("Staging"));
        Assert.False(client.Budgets.GetStatus("Staging").IsStale);

        // From now on the server is down; after five minutes without an answer the cached states are stale.
        handler.Respond = (_, _) => Task.FromResult(StatusHandler.Status(HttpStatusCode.ServiceUnavailable));
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(client.Budgets.IsExceeded("Acme prod"));
        time.Advance(TimeSpan.FromSeconds(1));

        var acme = client.Budgets.GetStatus("Acme prod");
        Assert.True(acme.IsStale);
        Assert.Equal(BudgetState.Exceeded, acme.State);
        Assert.False(acme.CountsAsExceeded);
        Assert.False(client.Budgets.IsExceeded("Acme prod"));
        Assert.False(client.Budgets.IsExceeded(new BudgetCallScope { Tags = new Dictionary<string, string> { ["customer"] = "acme" } }));
        Assert.True(client.Budgets.GetStatus("Staging").IsFailClosed);
        Assert.True(client.Budgets.IsExceeded("Staging"));
        Assert.True(client.Budgets.IsExceeded(new BudgetCallScope { Environment = "staging" }));
        Assert.False(client.Budgets.IsExceeded(new BudgetCallScope { Environment = "dev" }));

        // A fail-closed name the server does not list is unknown, so it counts as exceeded by name.
        Assert.True(client.Budgets.IsExceeded("Not listed yet"));
    }

    [Fact]
    public async Task A_status_from_a_calendar_period_that_has_ended_is_stale()
    {
        var handler = new StatusHandler();
        var time = new ManualTimeProvider(RecordedStatus.MonthEnd.AddSeconds(-10));
        await using var client = BudgetTestClient.Create(handler, time);
        Assert.True(await client.Budgets.RefreshAsync(TestContext.Current.CancellationToken));
        Assert.True(client.Budgets.IsExceeded("Acme prod"));
        handler.Respond = (_, _) => Task.FromResult(StatusHandler.Status(HttpStatusCode.ServiceUnavailable));

        time.Advance(TimeSpan.FromSeconds(10));

        Assert.True(client.Budgets.GetStatus("Acme prod").IsStale);
        Assert.False(client.Budgets.IsExceeded("Acme prod"));
        Assert.False(client.Budgets.GetStatus("Embeddings").IsStale); // rolling: no reset instant
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task A_refused_key_stops_the_refresh_and_says_so_on_the_event_source(HttpStatusCode status)
    {
        using var listener = new SdkEventListener();
        var handler = new StatusHandler { Respond = (_, _) => Task.FromResult(StatusHandler.Status(status)) };
        var time = BudgetTestClient.Clock();
        await using var client = BudgetTestClient.Create(handler, time);

        Assert.False(await client.Budgets.RefreshAsync(TestContext.Current.CancellationToken));
        Assert.True(client.Budgets.RefreshStopped);
        for (var i = 0; i < 10; i++)
        {
            time.Advance(TimeSpan.FromMinutes(10));
        }

        Assert.False(await client.Budgets.RefreshAsync(TestContext.Current.CancellationToken));
        Assert.Equal(BudgetState.Unknown, client.Budgets.GetStatus("Acme prod").State);
        Assert.False(client.Budgets.IsExceeded("Acme prod"));
        Assert.Equal(1, handler.StatusRequestCount);
        Assert.Contains(listener.Events, e => e.EventName == "BudgetStatusRefreshStopped" && e.Payload.SequenceEqual([(int)status]));
        var everything = string.Join('|', listener.Events.SelectMany(e => e.Payload.Select(p => p?.ToString())));
        Assert.DoesNotContain(BudgetTestClient.IngestKey, everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_refresh_keeps_the_cache_waits_as_Retry_After_asks_then_recovers()
    {
        var handler = new StatusHandler();
        var time = BudgetTestClient.Clock();
        await using var client = BudgetTestClient.Create(handler, time);
        Assert.True(await client.Budgets.RefreshAsync(TestContext.Current.CancellationToken));
        handler.Respond = (n, _) => Task.FromResult(n switch
        {
            1 => StatusHandler.Status(HttpStatusCode.ServiceUnavailable, retryAfter: "45"),
            2 => StatusHandler.Json("{\"budgets\": not json"),
            _ => StatusHandler.Json(RecordedStatus.Body.Replace("\"exceeded\"", "\"ok\"", StringComparison.Ordinal)),
        });

        time.Advance(await time.WaitForTimerAsync(d => d >= TimeSpan.FromSeconds(27) && d <= TimeSpan.FromSeconds(33)));
        await handler.NextStatusRequestAsync();
        await handler.NextStatusRequestAsync();

        // The 503 asked for 45 s: that wait is armed, and the cached answer still stands.
        var retry = await time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(45));
        Assert.True(client.Budgets.IsExceeded("Acme prod"));
        time.Advance(retry);
        await handler.NextStatusRequestAsync();

        // The unreadable body is a failure too: back-off (1 s to 60 s by default), the cache kept.
        var backoff = await time.WaitForTimerAsync(d => d >= TimeSpan.FromSeconds(1) && d <= TimeSpan.FromSeconds(60) && d != TimeSpan.FromSeconds(45));
        Assert.Equal(BudgetState.Exceeded, client.Budgets.GetStatus("Acme prod").State);
        time.Advance(backoff);
        await handler.NextStatusRequestAsync();
        Assert.True(await client.Budgets.RefreshAsync(TestContext.Current.CancellationToken));
        Assert.Equal(BudgetState.Ok, client.Budgets.GetStatus("Acme prod").State);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_oversized_answer_is_not_read_past_the_cap(bool announcesLength)
    {
        var body = new CountingStream(BudgetStatusRequester.DefaultMaxResponseBytes + (1024 * 1024));
        var handler = new StatusHandler
        {
            Respond = (_, _) =>
            {
                var content = new StreamContent(body);
                content.Headers.ContentType = new("application/json");
                content.Headers.ContentLength = announcesLength ? body.Length : null;
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
            },
        };
        var time = BudgetTestClient.Clock();
        await using var client = BudgetTestClient.Create(handler, time);

        Assert.False(await client.Budgets.RefreshAsync(TestContext.Current.CancellationToken));

        Assert.Equal(BudgetState.Unknown, client.Budgets.GetStatus("Acme prod").State);
        Assert.True(body.BytesRead <= BudgetStatusRequester.DefaultMaxResponseBytes + (64 * 1024), $"read {body.BytesRead} bytes");
        if (announcesLength)
        {
            Assert.Equal(0, body.BytesRead);
        }
    }
}
