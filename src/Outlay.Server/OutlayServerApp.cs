using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Outlay.Core.Pricing;
using Outlay.Core.Storage;
using Outlay.Server.Alerts;
using Outlay.Server.Alerts.Delivery;
using Outlay.Server.Alerts.Secrets;
using Outlay.Server.Auth;
using Outlay.Server.Background;
using Outlay.Server.Budgets;
using Outlay.Server.Credentials;
using Outlay.Server.Dashboard;
using Outlay.Server.Detection;
using Outlay.Server.Findings;
using Outlay.Server.Health;
using Outlay.Server.Http;
using Outlay.Server.Ingest;
using Outlay.Server.Keys;
using Outlay.Server.Otlp;
using Outlay.Server.Prices;
using Outlay.Server.Reconciliation;
using Outlay.Server.Retention;
using Outlay.Server.Spend;
using Outlay.Storage.Sqlite;

namespace Outlay.Server;

/// <summary>
/// A running Outlay server: Kestrel, the ingest and query APIs, and the store it owns. Started by
/// <c>outlay serve</c>, <c>outlay demo</c>, the load tool and the integration tests.
/// </summary>
public sealed class OutlayServerApp : IAsyncDisposable
{
    private const int MaxHeaderBytes = 32 * 1024;
    private const int MaxHeaderCount = 64;

    private readonly WebApplication _app;
    private int _stopped;

    private OutlayServerApp(WebApplication app, IOutlayStore store, IReadOnlyList<Uri> addresses)
    {
        _app = app;
        Store = store;
        Addresses = addresses;
    }

    /// <summary>The addresses Kestrel actually bound (a requested port 0 shows as the port it got).</summary>
    public IReadOnlyList<Uri> Addresses { get; }

    /// <summary>The store this server owns; disposed when the server stops.</summary>
    public IOutlayStore Store { get; }

    /// <summary>The app's services, for tests that drive a hosted service (the alert worker) at a chosen instant.</summary>
    internal IServiceProvider Services => _app.Services;

    /// <summary>
    /// Opens and initialises the store (<see cref="OutlayServerOptions.Store"/>, else the SQLite file
    /// <see cref="OutlayServerOptions.StorePath"/>), builds the app and starts listening. Returns once Kestrel accepts connections.
    /// </summary>
    /// <exception cref="ArgumentException">A setting is invalid (the store, a limit, an allow-list entry).</exception>
    /// <exception cref="InvalidOperationException">A PostgreSQL store cannot be reached or refuses the login.</exception>
    public static async Task<OutlayServerApp> StartAsync(OutlayServerOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var pricing = options.PricingConfigurationPath is null ? null : PricingConfiguration.Load(options.PricingConfigurationPath);
        var calculator = new CostCalculator(PriceCatalog.BuiltIn, pricing);

        var storeSpec = options.ResolveStore();
        IOutlayStore store;

        // The app's logging exists only once the store is open; an upgrade of an old store can take minutes before
        // that, so it is logged through a factory of the same configuration, made only when an upgrade reports.
        ILoggerFactory? startupLogging = null;
        try
        {
            store = await storeSpec.OpenAsync(
                ct,
                progress => LogUpgrade(
                    (startupLogging ??= LoggerFactory.Create(logging => ConfigureLogging(logging, options, ownsProvider: false))).CreateLogger<OutlayServerApp>(),
                    progress)).ConfigureAwait(false);
        }
        finally
        {
            startupLogging?.Dispose();
        }

        WebApplication? app = null;
        try
        {
            app = Build(options, store, calculator);
            await app.StartAsync(ct).ConfigureAwait(false);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
                .Select(a => new Uri(a))
                .ToList() ?? [];
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<OutlayServerApp>();
            ServerLog.Listening(logger, string.Join(", ", addresses), storeSpec.Display);
            return new OutlayServerApp(app, store, addresses);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Completes when the host is asked to stop (Ctrl+C, SIGTERM, or <see cref="StopAsync"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops Kestrel (finishing requests in flight), then closes the store. Safe to call more than once.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        try
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            await Store.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops the server and closes the store, as <see cref="StopAsync"/> does.</summary>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private static WebApplication Build(OutlayServerOptions options, IOutlayStore store, CostCalculator calculator)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Configured by OutlayServerOptions only: a stray appsettings.json or environment variable must not add
        // endpoints, change limits or turn on request logging.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.WebHost.UseUrls(options.Urls);
        ConfigureLogging(builder.Logging, options);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = MaxHeaderBytes;
            kestrel.Limits.MaxRequestHeaderCount = MaxHeaderCount;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromMinutes(2);
        });

        var time = options.Clock;
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(store);
        services.AddSingleton(calculator);
        services.AddSingleton(time);
        services.AddSingleton(new ApiKeyAuthenticator(store, time, options.KeyCacheDuration));
        services.AddSingleton(new IngestRateLimiter(options.IngestEventsPerSecond, options.IngestBurstEvents, time));
        services.AddSingleton(_ => new StoreWriteGuard(options.MaxConcurrentIngestWrites, options.MaxWaitingIngestWrites));
        services.AddSingleton<IngestHandler>();
        services.AddSingleton<IAlertChannelSender, AlertChannelSender>();
        services.AddSingleton<JobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<JobRunner>()); // first, so it stops after the workers it gates
        services.AddHostedService<BudgetAlertWorker>();
        services.AddSingleton(ChannelSecretBox.FromOptions(options));
        services.AddHostedService<AlertDeliveryWorker>();
        services.AddHostedService<DetectionWorker>();
        services.AddHostedService<ProviderUsagePullWorker>();
        services.AddHostedService<RetentionWorker>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ServerJsonContext.Default));
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Add(ReconciliationJsonContext.Default));
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Add(JobRunnerJsonContext.Default));
        services.AddProblemDetails();
        services.AddOpenApi(openApi =>
        {
            openApi.AddDocumentTransformer<BearerSecuritySchemeTransformer>();
            openApi.AddOperationTransformer<KeyRequirementOperationTransformer>();
        });
        services.AddRequestTimeouts(timeouts => timeouts.DefaultPolicy = new RequestTimeoutPolicy { Timeout = options.RequestTimeout });

        var app = builder.Build();
        app.UseFixedErrorResponse();
        app.UseSecurityHeaders();
        app.UseRequestTimeouts();
        app.MapHealthEndpoints();
        app.MapIngestEndpoints();
        app.MapOtlpEndpoints();
        app.MapSpendEndpoints();
        app.MapFindingEndpoints();
        app.MapFindingReviewEndpoints();
        app.MapClientDropEndpoints();
        app.MapKeyEndpoints();
        app.MapBudgetEndpoints();
        app.MapCredentialEndpoints();
        app.MapPriceEndpoints();
        app.MapProviderUsageImportEndpoints();
        app.MapReconciliationEndpoints();
        app.MapProviderKeyMappingEndpoints();
        app.MapAlertEndpoints();
        app.MapAlertChannelEndpoints();
        app.MapJobRunnerEndpoints();
        app.MapDashboard();
        app.MapOpenApi();
        return app;
    }

    private static void LogUpgrade(ILogger logger, SchemaUpgradeProgress progress)
    {
        if (progress.IsStart)
        {
            ServerLog.SchemaUpgradeStarting(logger, progress.FromVersion, progress.ToVersion, progress.Events);
        }
        else if (progress.Committed)
        {
            ServerLog.SchemaUpgraded(logger, progress.FromVersion, progress.ToVersion, progress.Elapsed.TotalSeconds, progress.FreeBytes / (1024 * 1024));
        }
        else
        {
            ServerLog.SchemaUpgradeStep(logger, progress.Version, progress.ToVersion, progress.Elapsed.TotalSeconds);
        }
    }

    /// <param name="logging">The builder to configure.</param>
    /// <param name="options">The console and level settings, and the caller's own provider.</param>
    /// <param name="ownsProvider">False for a short-lived factory: disposing it must leave the caller's provider usable.</param>
    private static void ConfigureLogging(ILoggingBuilder logging, OutlayServerOptions options, bool ownsProvider = true)
    {
        logging.ClearProviders();
        if (options.ConsoleLogging)
        {
            logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                console.UseUtcTimestamp = true;
            });
        }

        if (options.LoggerProvider is { } provider)
        {
            logging.AddProvider(ownsProvider ? provider : new BorrowedLoggerProvider(provider));
        }

        // Framework categories log at Warning and above only: their Information lines describe requests,
        // and nothing here may ever write a header or a body.
        // At any level: below Warning the framework logs request lines with their query strings and paths (a tag
        // value or a key label a caller sent), so only Outlay's own categories follow MinimumLogLevel.
        logging.SetMinimumLevel(options.MinimumLogLevel);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("System", LogLevel.Warning);
    }
}
