namespace Outlay.Storage.ClickHouse.Tests.Conformance.SingleNode;

public sealed class SingleNodeRollupCorrectnessTests : Outlay.Storage.Conformance.RollupCorrectnessTests<SingleNodeStoreFactory>;
