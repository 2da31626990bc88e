namespace Outlay.Server.Reconciliation;

/// <summary>Checks and resolves the pull worker's part of <see cref="OutlayServerOptions"/>.</summary>
internal static class ProviderUsagePullSettings
{
    /// <summary>The environment variable for the OpenAI admin key.</summary>
    public const string OpenAIKeyVariable = "OUTLAY_OPENAI_ADMIN_KEY";

    /// <summary>The environment variable for the Anthropic admin key.</summary>
    public const string AnthropicKeyVariable = "OUTLAY_ANTHROPIC_ADMIN_KEY";

    /// <summary>The providers whose admin key is configured (environment or file); empty means the worker stays off.</summary>
    public static IReadOnlyList<ProviderPullTarget> Targets(OutlayServerOptions options)
    {
        var all = new[]
        {
            new ProviderPullTarget("openai", options.OpenAIAdminBaseUrl, new AdminKeySource("OpenAI", OpenAIKeyVariable, options.OpenAIAdminKeyPath)),
            new ProviderPullTarget("anthropic", options.AnthropicAdminBaseUrl, new AdminKeySource("Anthropic", AnthropicKeyVariable, options.AnthropicAdminKeyPath)),
        };
        return all.Where(t => t.KeySource.IsConfigured(options.ReadEnvironment)).ToList();
    }

    /// <summary>
    /// Refuses, at startup, settings the worker could not run with: a base address that is not https (loopback aside),
    /// an interval or window out of range, a key without <see cref="OutlayServerOptions.ReconcileProject"/>, and a key
    /// file that is missing or readable by others (so the mistake shows when the server starts, not an hour later).
    /// </summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it and never holds a key.</exception>
    public static void Validate(OutlayServerOptions options)
    {
        RequireSecureBase(options.OpenAIAdminBaseUrl, "--openai-admin-base-url");
        RequireSecureBase(options.AnthropicAdminBaseUrl, "--anthropic-admin-base-url");
        if (options.ProviderUsagePullInterval < TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(options.ProviderUsagePullInterval), "The provider usage pull interval must be at least 1 minute.");
        }

        if (options.ProviderUsagePullDays is < 1 or > 31)
        {
            throw new ArgumentOutOfRangeException(nameof(options.ProviderUsagePullDays), "The provider usage pull window must be 1 to 31 days.");
        }

        var targets = Targets(options);
        if (targets.Count == 0)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(options.ReconcileProject) || options.ReconcileProject.Length > 128)
        {
            throw new ArgumentException(
                "An admin key is configured, so --reconcile-project NAME is required: the Outlay project the providers' usage is compared with.",
                nameof(options.ReconcileProject));
        }

        foreach (var target in targets)
        {
            try
            {
                _ = target.KeySource.Load(options.ReadEnvironment);
            }
            catch (InvalidOperationException e)
            {
                throw new ArgumentException(e.Message, nameof(options.OpenAIAdminKeyPath), e);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ArgumentException($"The {target.KeySource.Provider} admin key file could not be read ({e.GetType().Name}).", nameof(options.OpenAIAdminKeyPath));
            }
        }
    }

    /// <summary>True for https, or http to a loopback address (a local fake or a tunnel on this host).</summary>
    public static bool IsAllowedBase(Uri uri) =>
        uri.IsAbsoluteUri
        && string.IsNullOrEmpty(uri.UserInfo)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    private static void RequireSecureBase(Uri? uri, string option)
    {
        if (uri is null || !IsAllowedBase(uri))
        {
            throw new ArgumentException($"{option} must be an https address (http only to loopback) with no user name or password.", option);
        }
    }
}
