namespace Outlay.Storage.ClickHouse.Tests.Conformance.Cluster;

public sealed class ClusterCredentialActivityTests : Outlay.Storage.Conformance.CredentialActivityTests<ClusterStoreFactory>;
