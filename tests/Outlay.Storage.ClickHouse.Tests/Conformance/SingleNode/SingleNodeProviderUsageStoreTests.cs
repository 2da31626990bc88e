namespace Outlay.Storage.ClickHouse.Tests.Conformance.SingleNode;

public sealed class SingleNodeProviderUsageStoreTests : Outlay.Storage.Conformance.ProviderUsageStoreTests<SingleNodeStoreFactory>;
