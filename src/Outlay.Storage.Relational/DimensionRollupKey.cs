namespace Outlay.Storage.Relational;

/// <summary>
/// One row of <c>rollups_dim_hourly</c> within a project: a dimension name (a column name, <c>tag.&lt;key&gt;</c>, or ''
/// for the hour's totals) and one value of it ('' for an unset column).
/// </summary>
internal readonly record struct DimensionRollupKey(long Hour, string Dimension, string Value);
