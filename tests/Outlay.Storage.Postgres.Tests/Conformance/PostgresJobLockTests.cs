using Outlay.Storage.Conformance;

namespace Outlay.Storage.Postgres.Tests.Conformance;

public sealed class PostgresJobLockTests : JobLockTests<PostgresStoreFactory>
{
    /// <summary>The server ends the holder's session (as a dropped connection or an administrator would) and waits until it is gone; the lock goes with it.</summary>
    protected override async Task BreakHolderAsync(ConformanceStore temp, string name)
    {
        var ended = await temp.ScalarAsync(
            """
            WITH holders AS MATERIALIZED (
                SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'outlay jobs')
            SELECT count(*) FROM holders WHERE pg_terminate_backend(pid, 10000)
            """);
        Assert.Equal(1, ended);
    }
}
