namespace Outlay.Storage.ClickHouse.Tests.Conformance.Cluster;

public sealed class ClusterRollupCorrectnessTests : Outlay.Storage.Conformance.RollupCorrectnessTests<ClusterStoreFactory>;
