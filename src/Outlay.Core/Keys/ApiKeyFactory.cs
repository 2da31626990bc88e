using System.Security.Cryptography;

namespace Outlay.Core.Keys;

/// <summary>Creates new Outlay keys. The key text is returned once; only its hash goes into the record.</summary>
public static class ApiKeyFactory
{
    /// <summary>
    /// Creates a key of <paramref name="kind"/> for <paramref name="projectId"/>: a random 12-character key id and a
    /// 256-bit secret from <see cref="RandomNumberGenerator"/>. <paramref name="environments"/> null means any environment.
    /// </summary>
    public static (string KeyText, ApiKeyRecord Record) Create(
        ApiKeyKind kind,
        string projectId,
        IReadOnlyList<string>? environments,
        string? name,
        DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectId);
        var keyId = RandomNumberGenerator.GetString(Base32Lower.Alphabet, ApiKeyText.KeyIdLength);
        Span<byte> secret = stackalloc byte[ApiKeyText.SecretBytes];
        RandomNumberGenerator.Fill(secret);
        var keyText = ApiKeyText.Format(kind, keyId, Base32Lower.Encode(secret));
        CryptographicOperations.ZeroMemory(secret);

        var record = new ApiKeyRecord(
            keyId,
            projectId,
            kind,
            ApiKeyVerifier.Hash(keyText),
            environments is null ? [] : [.. environments],
            now,
            RevokedAt: null,
            name);
        return (keyText, record);
    }
}
