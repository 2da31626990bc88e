using System.Globalization;
using Outlay.Core.Pricing;
using Outlay.Core.Querying;

namespace Outlay.Core.Budgets;

/// <summary>
/// Validates a <see cref="BudgetDraft"/> into a <see cref="BudgetDefinition"/>. Every error is a
/// <see cref="BudgetValidationException"/> naming the field (<c>name</c>, <c>amount</c>, <c>period</c>,
/// <c>time_zone</c>, <c>rolling</c>, <c>scope</c>, <c>thresholds</c>).
/// </summary>
public static class BudgetParser
{
    /// <summary>Longest name: 100 characters.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Largest amount: $1,000,000,000 per period.</summary>
    public const decimal MaxAmountUsd = 1_000_000_000m;

    /// <summary>Most thresholds: 10.</summary>
    public const int MaxThresholds = 10;

    /// <summary>Lowest threshold: 1%.</summary>
    public const int MinThreshold = 1;

    /// <summary>Highest threshold: 1000%.</summary>
    public const int MaxThreshold = 1000;

    /// <summary>Default thresholds: 50, 80 and 100 percent.</summary>
    public static readonly IReadOnlyList<int> DefaultThresholds = [50, 80, 100];

    private const int MaxAmountLength = 32;
    private const int MaxRollingLength = 8;

    /// <summary>Validates <paramref name="draft"/>; the result belongs to <paramref name="projectId"/>.</summary>
    /// <exception cref="BudgetValidationException">A field is missing or out of its limits; the message names it.</exception>
    public static BudgetDefinition Parse(BudgetDraft draft, string id, string projectId, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        var name = ParseName(draft.Name);
        var amount = ParseAmount(draft.Amount);
        var period = ParsePeriod(draft.Period, draft.TimeZone, draft.Rolling);
        if (draft.Scope?.Select(filter => Security.SecretDetector.DetectFormat(filter)).FirstOrDefault(format => format is not null) is { } scopeFormat)
        {
            throw new BudgetValidationException("scope", $"a value looks like a credential ({scopeFormat}); it was not saved.");
        }

        var scope = BudgetScope.Parse(draft.Scope);
        var thresholds = ParseThresholds(draft.Thresholds);
        return new BudgetDefinition(id, projectId, name, scope, amount, period, thresholds, createdAt);
    }

    /// <summary>Builds the period from its parts; shared with storage so a stored budget reads back exactly as validated.</summary>
    public static BudgetPeriod ParsePeriod(string? period, string? timeZone, string? rolling)
    {
        var hasRolling = !string.IsNullOrWhiteSpace(rolling);
        BudgetPeriodKind kind;
        if (string.IsNullOrWhiteSpace(period))
        {
            kind = hasRolling ? BudgetPeriodKind.Rolling : BudgetPeriodKind.Month;
        }
        else if (!BudgetPeriodText.TryParse(period, out kind))
        {
            throw new BudgetValidationException("period", "use day, week, month, quarter or rolling.");
        }

        if (kind == BudgetPeriodKind.Rolling)
        {
            if (!hasRolling)
            {
                throw new BudgetValidationException("rolling", "a rolling budget needs a window such as 24h or 7d.");
            }

            if (!string.IsNullOrWhiteSpace(timeZone))
            {
                throw new BudgetValidationException("time_zone", "a rolling window has no time zone; leave it out.");
            }

            return new BudgetPeriod(kind, TimeZoneInfo.Utc, ParseRollingHours(rolling!));
        }

        if (hasRolling)
        {
            throw new BudgetValidationException("rolling", "only a rolling budget has a window; use period rolling or leave it out.");
        }

        TimeZoneInfo zone;
        try
        {
            zone = SpendQueryParser.ParseTimeZone(timeZone);
        }
        catch (SpendQueryException)
        {
            throw new BudgetValidationException("time_zone", "expected a known IANA time-zone id such as Europe/Berlin or UTC.");
        }

        return new BudgetPeriod(kind, zone, null);
    }

    /// <summary>
    /// Reads a stored period: as <see cref="ParsePeriod"/>, except that a calendar period whose zone this host does not
    /// know is kept, with <see cref="BudgetPeriod.UnknownTimeZoneId"/> set, so listing budgets never fails over one of them.
    /// </summary>
    public static BudgetPeriod ParseStoredPeriod(string? period, string? timeZone, string? rolling)
    {
        try
        {
            return ParsePeriod(period, timeZone, rolling);
        }
        catch (BudgetValidationException e) when (e.Field == "time_zone" && !string.IsNullOrWhiteSpace(timeZone)
            && BudgetPeriodText.TryParse(period ?? "month", out var kind) && kind != BudgetPeriodKind.Rolling)
        {
            return new BudgetPeriod(kind, TimeZoneInfo.Utc, null) { UnknownTimeZoneId = timeZone };
        }
    }

    private static string ParseName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new BudgetValidationException("name", "required.");
        }

        var trimmed = name.Trim();
        if (trimmed.Length > MaxNameLength || trimmed.Any(char.IsControl))
        {
            throw new BudgetValidationException("name", $"at most {MaxNameLength} characters, without control characters.");
        }

        // Names are shown on every page and in alerts; a pasted credential must be refused, not kept.
        if (Security.SecretDetector.DetectFormat(trimmed) is { } format)
        {
            throw new BudgetValidationException("name", $"looks like a credential ({format}); it was not saved.");
        }

        return trimmed;
    }

    private static long ParseAmount(string? amount)
    {
        if (string.IsNullOrWhiteSpace(amount))
        {
            throw new BudgetValidationException("amount", "required: USD as a decimal such as 500 or 12.50.");
        }

        var text = amount.Trim();
        if (text.Length > MaxAmountLength
            || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var usd))
        {
            throw new BudgetValidationException("amount", "expected USD as a plain decimal such as 500 or 12.50.");
        }

        if (usd <= 0m || usd > MaxAmountUsd)
        {
            throw new BudgetValidationException("amount", $"must be greater than 0 and at most {MaxAmountUsd.ToString("#,##0", CultureInfo.InvariantCulture)} USD.");
        }

        if (decimal.Round(usd, 9) != usd)
        {
            throw new BudgetValidationException("amount", "at most 9 decimals (nano-dollars).");
        }

        return NanoUsd.FromUsd(usd);
    }

    private static int ParseRollingHours(string rolling)
    {
        var text = rolling.Trim();
        if (text.Length < 2 || text.Length > MaxRollingLength
            || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new BudgetValidationException("rolling", "expected whole hours or days such as 24h or 7d.");
        }

        var hours = text[^1] switch
        {
            'h' => count,
            'd' => count * 24L,
            _ => throw new BudgetValidationException("rolling", "expected whole hours or days such as 24h or 7d."),
        };
        if (hours < BudgetPeriod.MinRollingHours || hours > BudgetPeriod.MaxRollingHours)
        {
            throw new BudgetValidationException("rolling", "the window must be from 1h to 90d.");
        }

        return (int)hours;
    }

    private static IReadOnlyList<int> ParseThresholds(IReadOnlyList<int>? thresholds)
    {
        if (thresholds is null || thresholds.Count == 0)
        {
            return DefaultThresholds;
        }

        if (thresholds.Count > MaxThresholds)
        {
            throw new BudgetValidationException("thresholds", $"at most {MaxThresholds}.");
        }

        foreach (var threshold in thresholds)
        {
            if (threshold < MinThreshold || threshold > MaxThreshold)
            {
                throw new BudgetValidationException("thresholds", $"each must be a whole percentage from {MinThreshold} to {MaxThreshold}.");
            }
        }

        if (thresholds.Distinct().Count() != thresholds.Count)
        {
            throw new BudgetValidationException("thresholds", "a percentage is listed twice.");
        }

        return thresholds.Order().ToList();
    }
}
