using Outlay.Core.Querying;

namespace Outlay.Storage.Relational;

/// <summary>
/// The event column of each column (non-tag) spend dimension. Spend SQL takes column names only from this constant
/// switch, never from the query, so no caller text reaches the SQL.
/// </summary>
internal static class SpendColumns
{
    /// <exception cref="ArgumentException"><paramref name="dimension"/> is not a column dimension.</exception>
    public static string ColumnOf(SpendDimension dimension) => dimension.Name switch
    {
        "provider" => "provider",
        "model" => "model",
        "operation" => "operation",
        "service" => "service",
        "environment" => "environment",
        "key_label" => "key_label",
        "status" => "status",
        "service_tier" => "service_tier",
        _ => throw new ArgumentException("Not a spend dimension column.", nameof(dimension)),
    };
}
