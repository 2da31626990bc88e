namespace Outlay.Core.Reconciliation;

/// <summary>
/// Says which Outlay key label a provider's key id (or, when the provider's report is not grouped by key, its project
/// or workspace id) corresponds to, so provider-reported usage can be set against tracked usage.
/// </summary>
/// <param name="ProjectId">The Outlay project.</param>
/// <param name="Provider">The provider (<c>openai</c>, <c>anthropic</c>, …).</param>
/// <param name="ProviderRef">The provider's key id, or project/workspace id (1–128 characters).</param>
/// <param name="KeyLabel">The Outlay key label (1–128 characters).</param>
/// <param name="CreatedAt">When the mapping was made.</param>
public sealed record ProviderKeyMapping(string ProjectId, string Provider, string ProviderRef, string KeyLabel, DateTimeOffset CreatedAt)
{
    /// <summary>Longest <see cref="ProviderRef"/> and <see cref="KeyLabel"/>.</summary>
    public const int MaxLength = 128;
}
