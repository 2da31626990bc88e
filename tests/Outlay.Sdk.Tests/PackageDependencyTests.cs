using System.Text.Json;
using System.Xml.Linq;

namespace Outlay.Sdk.Tests;

/// <summary>
/// The core SDK package has zero package dependencies: an application that references Outlay.Sdk pulls in
/// nothing else. Checked three ways, from what the build itself reads: the project file, the committed lock
/// file and the restore's project.assets.json (what decides the .nuspec's dependency groups).
/// .ci/supply-chain also packs the SDK and checks the packed .nuspec.
/// </summary>
public sealed class PackageDependencyTests
{
    /// <summary>
    /// Packages the .NET SDK adds by itself. ILLink.Tasks comes with IsAotCompatible, is a build-time analyzer
    /// (PrivateAssets=all) and never reaches a consumer; the assets test below proves that last part.
    /// </summary>
    private static readonly HashSet<string> ImplicitBuildPackages = new(StringComparer.OrdinalIgnoreCase)
    {
        "Microsoft.NET.ILLink.Tasks",
    };

    [Fact]
    public void The_core_sdk_project_file_references_no_package_project_or_shared_framework()
    {
        var csproj = File.ReadAllText(RepositoryFile("src/Outlay.Sdk/Outlay.Sdk.csproj"));

        Assert.Empty(ReferencesIn(csproj));
    }

    [Fact]
    public void The_core_sdk_lock_file_resolves_only_the_sdks_implicit_build_packages()
    {
        var lockJson = File.ReadAllText(RepositoryFile("src/Outlay.Sdk/packages.lock.json"));

        var (frameworks, offending) = UnexpectedLockedPackages(lockJson);

        Assert.Equal(["net10.0", "net8.0"], frameworks);
        Assert.Empty(offending);
    }

    [Fact]
    public void The_core_sdk_restore_flows_no_dependency_to_a_consumer()
    {
        var assetsPath = RepositoryFile("src/Outlay.Sdk/obj/project.assets.json");

        var (frameworks, flowing) = DependenciesFlowingToConsumers(File.ReadAllText(assetsPath));

        Assert.Equal(2, frameworks);
        Assert.Empty(flowing);
    }

    // The three checks above pass on today's files; these show each one reports a dependency when there is one.

    [Fact]
    public void The_project_file_check_reports_each_kind_of_reference()
    {
        const string csproj = """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <PackageReference Include="Newtonsoft.Json" />
                <ProjectReference Include="../Outlay.Core/Outlay.Core.csproj" />
                <FrameworkReference Include="Microsoft.AspNetCore.App" />
                <InternalsVisibleTo Include="Outlay.Sdk.Tests" />
              </ItemGroup>
            </Project>
            """;

        Assert.Equal(
            ["PackageReference Newtonsoft.Json", "ProjectReference ../Outlay.Core/Outlay.Core.csproj", "FrameworkReference Microsoft.AspNetCore.App"],
            ReferencesIn(csproj));
    }

    [Fact]
    public void The_lock_file_check_reports_a_direct_transitive_or_project_entry_but_not_the_implicit_one()
    {
        const string lockJson = """
            {
              "version": 2,
              "dependencies": {
                "net10.0": {
                  "Microsoft.NET.ILLink.Tasks": { "type": "Direct", "requested": "[10.0.12, )", "resolved": "10.0.12", "contentHash": "x" },
                  "Newtonsoft.Json": { "type": "Direct", "requested": "[13.0.3, )", "resolved": "13.0.3", "contentHash": "y" },
                  "System.Buffers": { "type": "Transitive", "resolved": "4.6.0", "contentHash": "z" },
                  "outlay.core": { "type": "Project" }
                }
              }
            }
            """;

        var (frameworks, offending) = UnexpectedLockedPackages(lockJson);

        Assert.Equal(["net10.0"], frameworks);
        Assert.Equal(["net10.0 Newtonsoft.Json 13.0.3 (Direct)", "net10.0 System.Buffers 4.6.0 (Transitive)", "net10.0 outlay.core  (Project)"], offending);
    }

    [Fact]
    public void The_assets_check_reports_a_dependency_that_would_reach_the_nuspec()
    {
        const string assets = """
            {
              "version": 3,
              "project": {
                "frameworks": {
                  "net10.0": {
                    "dependencies": {
                      "Microsoft.NET.ILLink.Tasks": { "suppressParent": "All", "target": "Package", "version": "[10.0.12, )", "autoReferenced": true },
                      "Newtonsoft.Json": { "target": "Package", "version": "[13.0.3, )" },
                      "StyleCop.Analyzers": { "suppressParent": "All", "target": "Package", "version": "[1.1.118, )" }
                    }
                  }
                }
              }
            }
            """;

        var (frameworks, flowing) = DependenciesFlowingToConsumers(assets);

        Assert.Equal(1, frameworks);
        Assert.Equal(["net10.0 Newtonsoft.Json", "net10.0 StyleCop.Analyzers (not implicit)"], flowing);
    }

    /// <summary>Every PackageReference, ProjectReference and FrameworkReference, as "Kind Include".</summary>
    private static List<string> ReferencesIn(string csproj) =>
        XDocument.Parse(csproj).Descendants()
            .Where(e => e.Name.LocalName is "PackageReference" or "ProjectReference" or "FrameworkReference")
            .Select(e => $"{e.Name.LocalName} {(string?)e.Attribute("Include") ?? (string?)e.Attribute("Update")}")
            .ToList();

    /// <summary>The lock file's target frameworks, and every entry that is not an implicit build package.</summary>
    private static (List<string> Frameworks, List<string> Offending) UnexpectedLockedPackages(string lockJson)
    {
        using var document = JsonDocument.Parse(lockJson);
        var frameworks = new List<string>();
        var offending = new List<string>();
        foreach (var framework in document.RootElement.GetProperty("dependencies").EnumerateObject())
        {
            frameworks.Add(framework.Name);
            foreach (var entry in framework.Value.EnumerateObject())
            {
                if (ImplicitBuildPackages.Contains(entry.Name))
                {
                    continue;
                }

                var resolved = entry.Value.TryGetProperty("resolved", out var version) ? version.GetString() : string.Empty;
                offending.Add($"{framework.Name} {entry.Name} {resolved} ({entry.Value.GetProperty("type").GetString()})");
            }
        }

        frameworks.Sort(StringComparer.Ordinal);
        return (frameworks, offending);
    }

    /// <summary>
    /// Direct dependencies that a consumer would inherit: any without suppressParent All, and any that is not
    /// one the .NET SDK adds itself (autoReferenced and in <see cref="ImplicitBuildPackages"/>).
    /// </summary>
    private static (int Frameworks, List<string> Flowing) DependenciesFlowingToConsumers(string assetsJson)
    {
        using var document = JsonDocument.Parse(assetsJson);
        var frameworks = 0;
        var flowing = new List<string>();
        foreach (var framework in document.RootElement.GetProperty("project").GetProperty("frameworks").EnumerateObject())
        {
            frameworks++;
            if (!framework.Value.TryGetProperty("dependencies", out var dependencies))
            {
                continue;
            }

            foreach (var dependency in dependencies.EnumerateObject())
            {
                var body = dependency.Value;
                var suppressed = body.TryGetProperty("suppressParent", out var suppress) && string.Equals(suppress.GetString(), "All", StringComparison.OrdinalIgnoreCase);
                var implicitly = body.TryGetProperty("autoReferenced", out var auto) && auto.ValueKind == JsonValueKind.True && ImplicitBuildPackages.Contains(dependency.Name);
                if (!suppressed)
                {
                    flowing.Add($"{framework.Name} {dependency.Name}");
                }
                else if (!implicitly)
                {
                    flowing.Add($"{framework.Name} {dependency.Name} (not implicit)");
                }
            }
        }

        return (frameworks, flowing);
    }

    private static string RepositoryFile(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Outlay.slnx")))
            {
                var path = Path.Combine(dir.FullName, relativePath);
                Assert.True(File.Exists(path), $"{relativePath} is missing under {dir.FullName} (restore the solution first)");
                return path;
            }
        }

        Assert.Fail($"no Outlay.slnx above {AppContext.BaseDirectory}");
        return string.Empty;
    }
}
