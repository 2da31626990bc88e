using System.Globalization;
using Microsoft.Extensions.Configuration;
using Outlay.Sdk;

namespace Outlay.Sdk.Hosting;

/// <summary>
/// Copies configuration values into <see cref="OutlayClientOptions"/> by hand (no reflection, so trimming and
/// AOT stay clean). Errors name the key, never the value: the section holds an ingest key.
/// </summary>
internal static class OutlayOptionsBinder
{
    public static void Bind(IConfiguration section, OutlayClientOptions options)
    {
        Set(section, nameof(options.Endpoint), value => options.Endpoint = new Uri(value, UriKind.Absolute));
        Set(section, nameof(options.IngestKey), value => options.IngestKey = value);
        Set(section, nameof(options.MaxQueueSize), value => options.MaxQueueSize = int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture));
        Set(section, nameof(options.MaxBatchSize), value => options.MaxBatchSize = int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture));
        Set(section, nameof(options.FlushInterval), value => options.FlushInterval = ParseTimeSpan(value));
        Set(section, nameof(options.RequestTimeout), value => options.RequestTimeout = ParseTimeSpan(value));
        Set(section, nameof(options.MinRetryDelay), value => options.MinRetryDelay = ParseTimeSpan(value));
        Set(section, nameof(options.MaxRetryDelay), value => options.MaxRetryDelay = ParseTimeSpan(value));
        Set(section, nameof(options.MaxRetryDuration), value => options.MaxRetryDuration = ParseTimeSpan(value));
        Set(section, nameof(options.ShutdownTimeout), value => options.ShutdownTimeout = ParseTimeSpan(value));
        Set(section, nameof(options.CompressRequests), value => options.CompressRequests = bool.Parse(value));
        Set(section, nameof(options.Service), value => options.Service = value);
        Set(section, nameof(options.Environment), value => options.Environment = value);
        Set(section, nameof(options.Instance), value => options.Instance = value);
        Set(section, nameof(options.BudgetRefreshInterval), value => options.BudgetRefreshInterval = ParseTimeSpan(value));
        Set(section, nameof(options.BudgetStaleAfter), value => options.BudgetStaleAfter = ParseTimeSpan(value));
        BindFailClosedBudgets(section.GetSection(nameof(options.FailClosedBudgets)), options.FailClosedBudgets);
    }

    // An array (FailClosedBudgets:0, :1, …) or one comma-separated value; budget names may not contain commas then.
    private static void BindFailClosedBudgets(IConfigurationSection section, ISet<string> names)
    {
        var values = section.GetChildren().Select(child => child.Value).ToList();
        if (values.Count == 0 && section.Value is { } single)
        {
            values.AddRange(single.Split(','));
        }

        foreach (var value in values)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                names.Add(value.Trim());
            }
        }
    }

    private static TimeSpan ParseTimeSpan(string value) => TimeSpan.Parse(value, CultureInfo.InvariantCulture);

    private static void Set(IConfiguration section, string key, Action<string> apply)
    {
        var value = section[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        try
        {
            apply(value.Trim());
        }
        catch (Exception exception) when (exception is FormatException or OverflowException or ArgumentException or UriFormatException)
        {
            var path = section is IConfigurationSection named ? $"{named.Path}:{key}" : key;
            throw new InvalidOperationException($"Outlay configuration '{path}' is not valid: {Describe(exception)}");
        }
    }

    // ArgumentOutOfRangeException messages from the options are fixed texts without the value; parse errors may quote it.
    private static string Describe(Exception exception) => exception is ArgumentOutOfRangeException range
        ? range.Message.Split(" (Parameter", 2, StringSplitOptions.None)[0]
        : "expected " + exception switch
        {
            OverflowException => "a number in range",
            _ => "a value of the right type (a number, true/false, hh:mm:ss or an absolute URL)",
        } + ".";
}
