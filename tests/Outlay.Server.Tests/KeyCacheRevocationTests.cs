using Outlay.Core.Keys;
using Outlay.Server.Auth;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests;

/// <summary>The authenticator's cache against revocations that happen while a lookup is in flight.</summary>
public sealed class KeyCacheRevocationTests
{
    [Fact]
    public async Task A_lookup_that_read_the_key_before_its_revocation_does_not_cache_it_afterwards()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var store = new GatedKeyStore();
        var (keyText, record) = ApiKeyFactory.Create(ApiKeyKind.Ingest, "p1", [], "app", DateTimeOffset.UtcNow);
        await store.AddKeyAsync(record, cancellationToken);
        var authenticator = new ApiKeyAuthenticator(store, TimeProvider.System, TimeSpan.FromMinutes(5));

        // A request reads the still-valid record, then stalls before caching it.
        var entered = store.HoldNextLookup();
        var inFlight = authenticator.AuthenticateAsync(keyText, cancellationToken).AsTask();
        await entered.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);

        // Meanwhile the key is revoked through this server (as DELETE /api/v1/keys/{id} does).
        Assert.True(await store.RevokeKeyAsync(record.KeyId, DateTimeOffset.UtcNow, cancellationToken));
        authenticator.Evict(record.KeyId);
        store.Release();
        await inFlight.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);

        var (status, _) = await authenticator.AuthenticateAsync(keyText, cancellationToken);
        Assert.Equal(AuthenticationStatus.Invalid, status);
    }
}
