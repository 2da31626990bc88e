namespace Outlay.Storage.ClickHouse.Tests.Conformance.Cluster;

/// <summary>Job locks live in the control store (here SQLite): breaking a holder deletes its lock file, as for SQLite.</summary>
public sealed class ClusterJobLockTests : Outlay.Storage.Conformance.JobLockTests<ClusterStoreFactory>
{
    protected override Task BreakHolderAsync(ConformanceStore temp, string name)
    {
        File.Delete(((ClickHouseConformanceStore)temp).Temp.ControlPath + "-job-" + name + ".lock");
        return Task.CompletedTask;
    }
}
