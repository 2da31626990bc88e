namespace Outlay.Storage.ClickHouse;

/// <summary>Placeholder removed by the engine's first commit; keeps the new project compiling.</summary>
internal static class ClickHouseStoreInfo
{
    /// <summary>The oldest server version the store supports.</summary>
    public const string MinimumServerVersion = "18.16";
}
