namespace Outlay.Storage.ClickHouse.Tests.Conformance.SingleNode;

public sealed class SingleNodeCredentialActivityTests : Outlay.Storage.Conformance.CredentialActivityTests<SingleNodeStoreFactory>;
