namespace Outlay.Storage.Conformance;

/// <summary>What an engine's test project implements to run the conformance suite: a fresh store per test.</summary>
public interface IConformanceStoreFactory
{
    /// <summary>
    /// Creates an empty, initialized store on a database of its own. Skips the test (<c>Assert.Skip</c>) when the
    /// engine's server is not reachable and that is allowed (locally, not on CI).
    /// </summary>
    Task<ConformanceStore> CreateAsync();
}
