namespace Outlay.Core.Querying;

/// <summary>Time-series bucket width of a spend query; <see cref="None"/> gives one row per group.</summary>
public enum SpendInterval
{
    None,
    Hour,
    Day,
}
