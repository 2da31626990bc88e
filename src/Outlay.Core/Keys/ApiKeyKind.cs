namespace Outlay.Core.Keys;

/// <summary>What an Outlay key may do (DESIGN.md, "Who may do what").</summary>
public enum ApiKeyKind
{
    /// <summary><c>olk_ingest_</c>: send events for its project; nothing else.</summary>
    Ingest,

    /// <summary><c>olk_read_</c>: query its project's spend.</summary>
    Read,

    /// <summary><c>olk_admin_</c>: manage keys, budgets, prices and channels of its project.</summary>
    Admin,
}
