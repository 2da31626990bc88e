namespace Outlay.Core.Storage;

/// <summary>What an append does with an event whose id is already stored for the same project.</summary>
public enum DuplicatePolicy
{
    /// <summary>The stored event wins; the new one counts as a duplicate. The default, right for client retries.</summary>
    KeepFirst = 0,

    /// <summary>
    /// The new event replaces the stored one when it has the same provider and model and is strictly richer:
    /// every token count at least the stored one and one of them greater. For two telemetry spans of one call.
    /// </summary>
    KeepRicher = 1,
}
