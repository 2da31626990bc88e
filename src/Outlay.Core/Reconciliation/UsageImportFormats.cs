namespace Outlay.Core.Reconciliation;

/// <summary>The provider usage formats Outlay imports.</summary>
public static class UsageImportFormats
{
    /// <summary>OpenAI organization usage or costs API JSON (<see cref="OpenAiUsageReader"/>).</summary>
    public const string OpenAI = "openai";

    /// <summary>Anthropic usage report JSON (<see cref="AnthropicUsageReader"/>).</summary>
    public const string Anthropic = "anthropic";

    /// <summary>Outlay's provider usage CSV (<see cref="UsageCsvReader"/>).</summary>
    public const string Csv = "csv";

    /// <summary>Every format.</summary>
    public static IReadOnlyList<string> All { get; } = [OpenAI, Anthropic, Csv];

    /// <summary>Throws when content is larger than <see cref="UsageImportLimits.MaxBytes"/>.</summary>
    public static void CheckSize(long length)
    {
        if (length > UsageImportLimits.MaxBytes)
        {
            throw new UsageImportException($"The file is larger than {UsageImportLimits.MaxBytes / (1024 * 1024)} MB.");
        }
    }
}
