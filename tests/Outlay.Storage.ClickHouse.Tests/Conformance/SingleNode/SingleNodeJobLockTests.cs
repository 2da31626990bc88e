namespace Outlay.Storage.ClickHouse.Tests.Conformance.SingleNode;

/// <summary>Job locks live in the control store (here SQLite): breaking a holder deletes its lock file, as for SQLite.</summary>
public sealed class SingleNodeJobLockTests : Outlay.Storage.Conformance.JobLockTests<SingleNodeStoreFactory>
{
    protected override Task BreakHolderAsync(ConformanceStore temp, string name)
    {
        File.Delete(((ClickHouseConformanceStore)temp).Temp.ControlPath + "-job-" + name + ".lock");
        return Task.CompletedTask;
    }
}
