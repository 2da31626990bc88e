namespace Outlay.Core.Keys;

/// <summary>A stored key: only its hash is kept, never the key itself.</summary>
/// <param name="KeyId">Public identifier embedded in the key text; used to look the record up.</param>
/// <param name="ProjectId">The project the key belongs to.</param>
/// <param name="Kind">Ingest, read or admin.</param>
/// <param name="SecretHash">SHA-256 of the full key text; compared in constant time.</param>
/// <param name="Environments">For ingest keys: environments the key may send events for; empty means any.</param>
/// <param name="CreatedAt">When the key was created.</param>
/// <param name="RevokedAt">When it was revoked, or null while it is valid.</param>
/// <param name="Name">An optional human label.</param>
public sealed record ApiKeyRecord(
    string KeyId,
    string ProjectId,
    ApiKeyKind Kind,
    byte[] SecretHash,
    IReadOnlyList<string> Environments,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt,
    string? Name);
