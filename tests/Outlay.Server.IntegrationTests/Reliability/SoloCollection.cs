namespace Outlay.Server.IntegrationTests.Reliability;

/// <summary>
/// Proofs that measure the machine (capacity, memory) and so must not share it with other tests: xunit runs this
/// collection on its own, after the parallel ones. The soak reads this process's managed heap, which any test
/// running beside it would pollute.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoloCollection
{
    public const string Name = "reliability-solo";
}
