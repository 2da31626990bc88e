namespace Outlay.Core.Reconciliation;

/// <summary>The limits every provider usage import is held to, so a hostile or broken file fails clearly instead of exhausting memory.</summary>
public static class UsageImportLimits
{
    /// <summary>Largest file: 50 MB.</summary>
    public const int MaxBytes = 50 * 1024 * 1024;

    /// <summary>Most rows (JSON results or CSV data lines) in one file: 1,000,000.</summary>
    public const int MaxRows = 1_000_000;

    /// <summary>Largest token or request count: 10^15.</summary>
    public const long MaxCount = 1_000_000_000_000_000L;

    /// <summary>Largest absolute cost in one row: $1,000,000,000.</summary>
    public const decimal MaxAbsoluteCostUsd = 1_000_000_000m;

    /// <summary>Deepest JSON nesting accepted (the documented formats need 6).</summary>
    public const int MaxJsonDepth = 16;

    /// <summary>Longest provider key id, project id or workspace id.</summary>
    public const int MaxRefLength = ProviderKeyMapping.MaxLength;

    /// <summary>Longest model name.</summary>
    public const int MaxModelLength = 256;

    /// <summary>Longest provider name.</summary>
    public const int MaxProviderLength = 64;
}
