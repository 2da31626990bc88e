using Outlay.Core.Reconciliation;

namespace Outlay.Server.Reconciliation;

/// <summary>The limits of a provider key mapping, shared by the API and the CLI so both refuse the same input.</summary>
internal static class ProviderKeyMappingRules
{
    /// <summary>Longest provider name: 32.</summary>
    public const int MaxProviderLength = 32;

    /// <summary>Most mappings one project may hold: 1,000.</summary>
    public const int MaxPerProject = 1000;

    /// <summary>The provider lower-cased, or null with <paramref name="error"/> naming the field.</summary>
    public static string? Provider(string? text, out string? error)
    {
        var trimmed = text?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxProviderLength || !trimmed.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.'))
        {
            error = $"provider must be 1 to {MaxProviderLength} characters of a-z, 0-9, '.', '-' or '_' (e.g. openai, anthropic).";
            return null;
        }

        error = null;
        return trimmed;
    }

    /// <summary>A ref or key label trimmed, or null with <paramref name="error"/> naming <paramref name="field"/>.</summary>
    public static string? Text(string? text, string field, out string? error)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > ProviderKeyMapping.MaxLength || trimmed.Any(char.IsControl))
        {
            error = $"{field} must be 1 to {ProviderKeyMapping.MaxLength} characters with no control characters.";
            return null;
        }

        if (field == "ref" && trimmed.StartsWith("sk-", StringComparison.Ordinal))
        {
            // A pasted secret key, not its id: refused without echoing it, and never stored.
            error = "ref looks like a provider secret key (sk-…); map the key's id (key_…, apikey_…) or the project id, never the key itself.";
            return null;
        }

        error = null;
        return trimmed;
    }
}
