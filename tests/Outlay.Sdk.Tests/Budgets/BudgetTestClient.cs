using Outlay.Sdk.Tests.Support;

namespace Outlay.Sdk.Tests.Budgets;

/// <summary>A client over a <see cref="StatusHandler"/> and a <see cref="ManualTimeProvider"/> starting at the recorded answer's instant.</summary>
internal static class BudgetTestClient
{
    public const string IngestKey = "olk_ingest_budgettestsonlynotakey";

    public static OutlayClientOptions Options(StatusHandler handler, params string[] failClosed)
    {
        var options = new OutlayClientOptions
        {
            Endpoint = new Uri("http://outlay.test:5318/"),
            IngestKey = IngestKey,
            HttpMessageHandler = handler,
            Service = "checkout-api",
            Environment = "prod",
            FlushInterval = TimeSpan.FromHours(1),
            ShutdownTimeout = TimeSpan.FromSeconds(2),
        };
        foreach (var name in failClosed)
        {
            options.FailClosedBudgets.Add(name);
        }

        return options;
    }

    public static OutlayClient Create(StatusHandler handler, ManualTimeProvider time, params string[] failClosed) =>
        new(Options(handler, failClosed), time);

    public static ManualTimeProvider Clock() => new(RecordedStatus.AsOf.AddSeconds(1));
}
