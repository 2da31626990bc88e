namespace Outlay.Storage.ClickHouse.Tests.Conformance.Cluster;

public sealed class ClusterTransferTests : Outlay.Storage.Conformance.TransferTests<ClusterStoreFactory>;
