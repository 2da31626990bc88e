namespace Outlay.SbomGenerator;

/// <summary>
/// dotnet run --project tools/Outlay.SbomGenerator -- --root DIR --out DIR --version V --bom NAME=PROJECT_DIR[,PROJECT_DIR…]…
/// Writes OUT/NAME.cdx.json (CycloneDX 1.5) for each --bom from the projects' committed packages.lock.json files,
/// and prints one line per SBOM with its component count.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        try
        {
            string? root = null, output = null, version = null;
            var requests = new List<SbomRequest>();
            for (var i = 0; i < args.Length; i++)
            {
                var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--root": root = value; break;
                    case "--out": output = value; break;
                    case "--version": version = value; break;
                    case "--bom": requests.Add(SbomRequest.Parse(value)); break;
                    default: throw new ArgumentException($"unknown option {args[i]}");
                }

                i++;
            }

            if (root is null || output is null || version is null || requests.Count == 0)
            {
                throw new ArgumentException("usage: --root DIR --out DIR --version V --bom NAME=PROJECT_DIR[,PROJECT_DIR…] (one or more --bom)");
            }

            var projectNames = Directory.GetFiles(root, "*.csproj", SearchOption.AllDirectories)
                .Select(Path.GetFileNameWithoutExtension)
                .OfType<string>()
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToDictionary(n => n.ToLowerInvariant(), StringComparer.Ordinal);

            Directory.CreateDirectory(output);
            foreach (var request in requests)
            {
                var bom = new BomBuilder(projectNames, version);
                foreach (var project in request.Projects)
                {
                    bom.AddProject(Path.Combine(root, project));
                }

                var path = Path.Combine(output, request.Name + ".cdx.json");
                File.WriteAllBytes(path, CycloneDxWriter.Write(bom, version));
                var components = bom.Components.ToList();
                Console.WriteLine($"sbom: {path}: {components.Count} components ({components.Count(c => !c.IsProject)} packages, {components.Count(c => c.IsProject)} projects) for {bom.Subject!.Name}");
            }

            return 0;
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or System.Text.Json.JsonException or System.Xml.XmlException or FormatException)
        {
            Console.Error.WriteLine("error: " + ex.Message);
            return 1;
        }
    }
}
