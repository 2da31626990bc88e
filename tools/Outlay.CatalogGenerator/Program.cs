using System.Globalization;
using Outlay.Core.Pricing.Generation;

namespace Outlay.CatalogGenerator;

/// <summary>
/// dotnet run --project tools/Outlay.CatalogGenerator -- [--litellm FILE] [--langfuse FILE] [--out FILE] [--generated yyyy-MM-dd]
/// Paths default to ../shared/data/pricing/… and src/Outlay.Core/Pricing/Catalog/catalog.json relative to the
/// repository root. Without --generated the existing catalog's date is kept when nothing else changed, so
/// re-running on the same facts rewrites the same bytes.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        try
        {
            var options = GeneratorOptions.Parse(args, FindRepositoryRoot());
            using var litellm = File.OpenRead(options.LiteLlm);
            using var langfuse = File.OpenRead(options.Langfuse);
            var existing = File.Exists(options.Output) ? File.ReadAllText(options.Output) : null;
            var generated = options.Generated ?? ExistingDate(existing) ?? Today();
            var result = CatalogGeneration.Generate(litellm, langfuse, generated);
            if (options.Generated is null && existing is not null && !string.Equals(result.CatalogJson, existing, StringComparison.Ordinal)
                && !string.Equals(generated, Today(), StringComparison.Ordinal))
            {
                // The facts changed: stamp today's date.
                litellm.Position = 0;
                langfuse.Position = 0;
                result = CatalogGeneration.Generate(litellm, langfuse, Today());
            }

            foreach (var line in result.Report)
            {
                Console.WriteLine(line);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(options.Output)!);
            File.WriteAllText(options.Output, result.CatalogJson);
            Console.WriteLine($"wrote {options.Output} ({result.CatalogJson.Length} characters)");
            return 0;
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or Core.Pricing.PricingDataException or System.Text.Json.JsonException)
        {
            Console.Error.WriteLine("error: " + ex.Message);
            return 1;
        }
    }

    private static string Today() => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? ExistingDate(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("generated", out var value) ? value.GetString() : null;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Outlay.slnx")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
