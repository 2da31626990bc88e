using System.Data.Common;
using System.Globalization;
using Outlay.Core.Budgets;

namespace Outlay.Storage.Relational;

/// <summary>
/// How a budget is stored by every engine, in the column order of <see cref="Names"/>: the scope as a JSON array of
/// filter texts, the period as kind + zone id + rolling hours, the thresholds as comma-separated percentages, the
/// creation time as Unix milliseconds.
/// </summary>
internal static class BudgetColumns
{
    public const string Names = "id, project_id, name, scope_json, amount_nano, period, time_zone, rolling_hours, thresholds, created_ms";

    public static string ScopeJson(BudgetDefinition budget) => StringListJson.Write(BudgetScope.Format(budget.Scope));

    public static string ThresholdsText(BudgetDefinition budget) =>
        string.Join(',', budget.Thresholds.Select(t => t.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The budget on the reader's current row, selected as <see cref="Names"/>.</summary>
    public static BudgetDefinition Read(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var kind = reader.GetString(5);
        var period = BudgetParser.ParseStoredPeriod(
            kind,
            string.Equals(kind, "rolling", StringComparison.Ordinal) ? null : reader.GetString(6),
            reader.IsDBNull(7) ? null : reader.GetInt32(7).ToString(CultureInfo.InvariantCulture) + "h");
        var thresholds = reader.GetString(8)
            .Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => int.Parse(t, NumberStyles.None, CultureInfo.InvariantCulture))
            .ToList();
        return new BudgetDefinition(
            Id: reader.GetString(0),
            ProjectId: reader.GetString(1),
            Name: reader.GetString(2),
            Scope: BudgetScope.Parse(StringListJson.Read(reader.GetString(3))),
            AmountNanoUsd: reader.GetInt64(4),
            Period: period,
            Thresholds: thresholds,
            CreatedAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)));
    }
}
