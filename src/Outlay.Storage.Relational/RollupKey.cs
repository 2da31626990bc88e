namespace Outlay.Storage.Relational;

/// <summary>
/// One row of <c>rollups_hourly</c> within a project. Unset optional dimensions are stored as empty text
/// because primary-key columns of a WITHOUT ROWID table cannot be NULL (and NULLs would never conflict).
/// </summary>
internal readonly record struct RollupKey(
    long Hour,
    string Provider,
    string Model,
    string Operation,
    string Service,
    string Environment,
    string KeyLabel,
    string Status,
    string ServiceTier,
    string TagsJson);
