namespace Outlay.Sdk.Extensions.AI;

/// <summary>Shared steps of the <c>UseOutlay</c> overloads.</summary>
internal static class OutlayOptionsFactory
{
    public static OutlayChatOptions Create(Action<OutlayChatOptions>? configure)
    {
        var options = new OutlayChatOptions();
        configure?.Invoke(options);
        if (options.BudgetPolicy.Mode == BudgetEnforcement.Callback && options.BudgetPolicy.OnExceeded is null)
        {
            throw new InvalidOperationException("OutlayChatOptions.BudgetPolicy.Mode is Callback but OnExceeded is not set: set the callback, or use Throw.");
        }

        return options;
    }

    public static OutlayClient Resolve(IServiceProvider services) =>
        services.GetService(typeof(OutlayClient)) as OutlayClient
        ?? throw new InvalidOperationException(
            "UseOutlay() without a client needs an OutlayClient in the service provider: register it with services.AddOutlay(...) from Outlay.Sdk.Hosting, or pass one to UseOutlay(outlay).");
}
