namespace Outlay.SbomGenerator;

/// <summary>One package or project in an SBOM, merged over every lock file and target framework that resolves it.</summary>
internal sealed class BomComponent
{
    public BomComponent(string name, string version, bool isProject)
    {
        Name = name;
        Version = version;
        IsProject = isProject;
    }

    public string Name { get; }

    public string Version { get; }

    /// <summary>True for one of this repository's projects rather than a downloaded package.</summary>
    public bool IsProject { get; }

    /// <summary>Package URL; a project is named as the NuGet package it packs to.</summary>
    public string Purl => $"pkg:nuget/{Name}@{Version}";

    /// <summary>Lower-case hex SHA-512 of the .nupkg (the lock file's contentHash); null for a project.</summary>
    public string? Sha512Hex { get; set; }

    /// <summary>Target frameworks that resolve this component, e.g. net10.0 and net8.0.</summary>
    public SortedSet<string> Frameworks { get; } = new(StringComparer.Ordinal);

    /// <summary>How the lock files reached it: Direct, Transitive, CentralTransitive or Project.</summary>
    public SortedSet<string> DependencyTypes { get; } = new(StringComparer.Ordinal);

    /// <summary>Purls of the components this one depends on.</summary>
    public SortedSet<string> DependsOn { get; } = new(StringComparer.Ordinal);
}
