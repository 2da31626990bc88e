using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Outlay.Core.Keys;
using Outlay.Core.Storage;

namespace Outlay.Server.Auth;

/// <summary>
/// Turns the key a request presents into an <see cref="AuthenticatedKey"/>: format check first (no store
/// lookup for anything that is not an Outlay key), then the store record, a constant-time hash comparison
/// and the revocation mark. Successful verifications are cached for <see cref="OutlayServerOptions.KeyCacheDuration"/>
/// under the SHA-256 of the key text (the text itself is never kept), so ingest does not hit the store per
/// request; revocations through this server evict the cache at once.
/// </summary>
internal sealed class ApiKeyAuthenticator
{
    private const int MaxCachedKeys = 10_000;
    private const int MaxKeyTextLength = 256;

    private readonly IOutlayStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _cacheDuration;
    private readonly ConcurrentDictionary<string, CachedKey> _cache = new(StringComparer.Ordinal);

    // Orders cache inserts against evictions: a lookup that read a key before its revocation must not cache it after.
    private readonly Lock _evictionGate = new();
    private long _evictions;

    public ApiKeyAuthenticator(IOutlayStore store, TimeProvider time, TimeSpan cacheDuration)
    {
        _store = store;
        _time = time;
        _cacheDuration = cacheDuration;
    }

    public async ValueTask<(AuthenticationStatus Status, AuthenticatedKey? Key)> AuthenticateAsync(string? keyText, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(keyText))
        {
            return (AuthenticationStatus.Missing, null);
        }

        if (keyText.Length > MaxKeyTextLength || !ApiKeyText.TryParse(keyText.AsSpan(), out var kind, out var keyId))
        {
            return (AuthenticationStatus.Invalid, null);
        }

        var cacheKey = HashForCache(keyText);
        var now = _time.GetUtcNow();
        if (_cache.TryGetValue(cacheKey, out var cached) && cached.ExpiresAt > now)
        {
            return (AuthenticationStatus.Authenticated, cached.Key);
        }

        var evictionsBeforeLookup = Interlocked.Read(ref _evictions);
        var record = await _store.FindKeyAsync(keyId, cancellationToken).ConfigureAwait(false);
        if (record is null || record.RevokedAt is not null || record.Kind != kind || !ApiKeyVerifier.Verify(keyText, record))
        {
            _cache.TryRemove(cacheKey, out _);
            return (AuthenticationStatus.Invalid, null);
        }

        var key = new AuthenticatedKey(record.KeyId, record.ProjectId, record.Kind, record.Environments);
        if (_cacheDuration > TimeSpan.Zero)
        {
            lock (_evictionGate)
            {
                // An eviction since the lookup may be this key's revocation: answer from the record read, cache nothing.
                if (Interlocked.Read(ref _evictions) == evictionsBeforeLookup)
                {
                    if (_cache.Count >= MaxCachedKeys)
                    {
                        // Bounded memory beats a perfect hit rate; verified keys simply get looked up again.
                        _cache.Clear();
                    }

                    _cache[cacheKey] = new CachedKey(key, now + _cacheDuration);
                }
            }
        }

        return (AuthenticationStatus.Authenticated, key);
    }

    /// <summary>Forgets every cached verification of a key, so its revocation takes effect on the next request.</summary>
    public void Evict(string keyId)
    {
        lock (_evictionGate)
        {
            Interlocked.Increment(ref _evictions);
            foreach (var entry in _cache)
            {
                if (string.Equals(entry.Value.Key.KeyId, keyId, StringComparison.Ordinal))
                {
                    _cache.TryRemove(entry.Key, out _);
                }
            }
        }
    }

    private static string HashForCache(string keyText)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(keyText), hash);
        return Convert.ToHexString(hash);
    }

    private sealed record CachedKey(AuthenticatedKey Key, DateTimeOffset ExpiresAt);
}
