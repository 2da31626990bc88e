namespace Outlay.Storage.Conformance;

/// <summary>Base of every conformance suite: gives each test its own store from <typeparamref name="TFactory"/>.</summary>
public abstract class ConformanceTests<TFactory>
    where TFactory : IConformanceStoreFactory, new()
{
    /// <summary>A fresh, empty, initialized store owned by the calling test.</summary>
    protected static Task<ConformanceStore> CreateStoreAsync() => new TFactory().CreateAsync();
}
