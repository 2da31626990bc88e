namespace Outlay.CatalogGenerator;

/// <summary>Command-line options of the catalog generator, with defaults relative to the repository root.</summary>
internal sealed record GeneratorOptions(string LiteLlm, string Langfuse, string Output, string? Generated)
{
    public static GeneratorOptions Parse(string[] args, string repositoryRoot)
    {
        var shared = Path.Combine(repositoryRoot, "..", "shared", "data", "pricing");
        var liteLlm = Path.Combine(shared, "litellm_model_prices.json");
        var langfuse = Path.Combine(shared, "langfuse_default_model_prices.json");
        var output = Path.Combine(repositoryRoot, "src", "Outlay.Core", "Pricing", "Catalog", "catalog.json");
        string? generated = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--litellm":
                    liteLlm = value;
                    break;
                case "--langfuse":
                    langfuse = value;
                    break;
                case "--out":
                    output = value;
                    break;
                case "--generated":
                    generated = value;
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}; expected --litellm, --langfuse, --out or --generated.");
            }

            i++;
        }

        return new GeneratorOptions(Path.GetFullPath(liteLlm), Path.GetFullPath(langfuse), Path.GetFullPath(output), generated);
    }
}
