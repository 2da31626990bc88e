namespace Outlay.Storage.ClickHouse.Tests.Conformance.SingleNode;

public sealed class SingleNodeProjectAndKeyTests : Outlay.Storage.Conformance.ProjectAndKeyTests<SingleNodeStoreFactory>;
