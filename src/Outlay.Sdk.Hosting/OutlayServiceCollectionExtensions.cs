using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Outlay.Sdk;
using Outlay.Sdk.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Outlay client with dependency injection.</summary>
public static class OutlayServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="OutlayClient"/> built from <see cref="OutlayClientOptions"/>, and a hosted
    /// service that flushes queued events when the host stops (within the host's shutdown token and
    /// <see cref="OutlayClientOptions.ShutdownTimeout"/>, default 5 seconds). The container disposes the client.
    /// Calling it again only adds <paramref name="configure"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets options in code; runs after any configuration binding. Default none (all defaults).</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddOutlay(this IServiceCollection services, Action<OutlayClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<OutlayClientOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(provider => new OutlayClient(provider.GetRequiredService<IOptions<OutlayClientOptions>>().Value));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OutlayFlushService>());
        return services;
    }

    /// <summary>
    /// Like <see cref="AddOutlay(IServiceCollection, Action{OutlayClientOptions}?)"/>, first binding options from a
    /// configuration section such as <c>configuration.GetSection("Outlay")</c>. Keys are the option names:
    /// <c>Endpoint</c>, <c>IngestKey</c>, <c>MaxQueueSize</c>, <c>MaxBatchSize</c>, <c>FlushInterval</c>,
    /// <c>RequestTimeout</c>, <c>MinRetryDelay</c>, <c>MaxRetryDelay</c>, <c>MaxRetryDuration</c>,
    /// <c>ShutdownTimeout</c> (time spans as <c>hh:mm:ss</c>), <c>CompressRequests</c>, <c>Service</c>,
    /// <c>Environment</c>, <c>Instance</c>, <c>BudgetRefreshInterval</c>, <c>BudgetStaleAfter</c> and
    /// <c>FailClosedBudgets</c> (an array of budget names, or one comma-separated value). Absent keys keep their defaults.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding the Outlay settings.</param>
    /// <param name="configure">Sets options in code after binding, so it wins. Default none.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <remarks>An invalid value makes resolving the client throw <see cref="InvalidOperationException"/> naming the key (never the value).</remarks>
    public static IServiceCollection AddOutlay(this IServiceCollection services, IConfiguration configuration, Action<OutlayClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<OutlayClientOptions>(options => OutlayOptionsBinder.Bind(configuration, options));
        return services.AddOutlay(configure);
    }
}
