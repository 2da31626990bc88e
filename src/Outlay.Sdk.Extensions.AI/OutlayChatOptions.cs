namespace Outlay.Sdk.Extensions.AI;

/// <summary>
/// Settings of the Outlay middleware added by <c>UseOutlay</c>, for chat clients and embedding generators alike.
/// </summary>
public sealed class OutlayChatOptions
{
    /// <summary>
    /// A label naming the provider credential the inner client uses (for example <c>openai-prod-2026-03</c>),
    /// never the credential itself. Default <see langword="null"/> (not sent).
    /// </summary>
    public string? KeyLabel { get; set; }

    /// <summary>
    /// The Outlay provider name to report (<c>openai</c>, <c>azure</c>, <c>anthropic</c>, <c>gemini</c>, <c>bedrock</c>, …),
    /// overriding the one derived from the inner client's metadata. Default <see langword="null"/>: derived from
    /// <c>ChatClientMetadata.ProviderName</c> (an OpenAI client pointed at an Azure OpenAI host reports <c>azure</c>),
    /// or <c>unknown</c> when the inner client states none.
    /// </summary>
    public string? Provider { get; set; }

    /// <summary>
    /// Tags sent with every call of this client, for example <c>feature</c> or <c>service_area</c>. Ambient tags
    /// (<see cref="OutlayTags.Begin(string, string)"/>) and per-call tags (<see cref="OutlayTags.PerCallKey"/>) override
    /// them key by key. Default empty.
    /// </summary>
    public IDictionary<string, string> Tags { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Budget enforcement before each call: <see cref="OutlayBudgetPolicy.Mode"/> <see cref="BudgetEnforcement.Off"/>
    /// (default, nothing consulted), <see cref="BudgetEnforcement.Throw"/> or <see cref="BudgetEnforcement.Callback"/>.
    /// </summary>
    public OutlayBudgetPolicy BudgetPolicy { get; } = new();
}
