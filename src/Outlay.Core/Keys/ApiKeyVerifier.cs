using System.Security.Cryptography;
using System.Text;

namespace Outlay.Core.Keys;

/// <summary>Checks presented key text against a stored <see cref="ApiKeyRecord"/>.</summary>
public static class ApiKeyVerifier
{
    /// <summary>The stored form of a key: SHA-256 of its UTF-8 text. A fast hash is enough because keys carry 256 random bits.</summary>
    public static byte[] Hash(string keyText)
    {
        ArgumentNullException.ThrowIfNull(keyText);
        return SHA256.HashData(Encoding.UTF8.GetBytes(keyText));
    }

    /// <summary>
    /// True when the key text is well formed, names the record's kind and key id, and hashes to the record's
    /// <see cref="ApiKeyRecord.SecretHash"/> (compared in constant time). Revocation is not checked here:
    /// the caller compares <see cref="ApiKeyRecord.RevokedAt"/> with its clock.
    /// </summary>
    public static bool Verify(string keyText, ApiKeyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (keyText is null
            || !ApiKeyText.TryParse(keyText, out var kind, out var keyId)
            || kind != record.Kind
            || !string.Equals(keyId, record.KeyId, StringComparison.Ordinal)
            || record.SecretHash is not { Length: 32 })
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Hash(keyText), record.SecretHash);
    }
}
