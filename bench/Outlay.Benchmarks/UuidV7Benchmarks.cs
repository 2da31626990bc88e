using BenchmarkDotNet.Attributes;
using Outlay.Sdk;

namespace Outlay.Benchmarks;

/// <summary>Where the id-assigning Track spends its time: the clock read and the UUIDv7, beside the BCL's own v7.</summary>
[MemoryDiagnoser]
public class UuidV7Benchmarks
{
    [Benchmark(Baseline = true)]
    public Guid Bcl_CreateVersion7() => Guid.CreateVersion7();

    [Benchmark]
    public Guid Outlay_UuidV7() => UuidV7.NewGuid();

    [Benchmark]
    public DateTimeOffset Clock_UtcNow() => TimeProvider.System.GetUtcNow();
}
