using System.Xml.Linq;

namespace Outlay.SbomGenerator;

/// <summary>
/// Collects the components of one SBOM from the lock files of its projects. The first project is the SBOM's
/// subject (metadata.component); the others ship inside it (e.g. the CLI hosts the server).
/// </summary>
internal sealed class BomBuilder
{
    private readonly Dictionary<string, string> _projectNames;
    private readonly string _version;
    private readonly Dictionary<string, BomComponent> _components = new(StringComparer.Ordinal);

    /// <param name="projectNames">Lower-case project name to its spelling, from the repository's .csproj files.</param>
    /// <param name="version">Version of this repository's projects (Directory.Build.props).</param>
    public BomBuilder(Dictionary<string, string> projectNames, string version)
    {
        _projectNames = projectNames;
        _version = version;
    }

    /// <summary>The SBOM's subject; set by the first <see cref="AddProject"/>.</summary>
    public BomComponent? Subject { get; private set; }

    /// <summary>True when the subject builds an executable (OutputType Exe), so the SBOM describes an application.</summary>
    public bool SubjectIsApplication { get; private set; }

    /// <summary>Every component except the subject, sorted by name then version.</summary>
    public IEnumerable<BomComponent> Components => _components.Values
        .Where(c => !ReferenceEquals(c, Subject))
        .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
        .ThenBy(c => c.Version, StringComparer.Ordinal);

    /// <summary>Adds a project directory (holding one .csproj and its packages.lock.json) and its whole lock file.</summary>
    public void AddProject(string projectDirectory)
    {
        var csproj = Directory.GetFiles(projectDirectory, "*.csproj");
        if (csproj.Length != 1)
        {
            throw new ArgumentException($"{projectDirectory} holds {csproj.Length} .csproj files, not one");
        }

        var project = Component(Path.GetFileNameWithoutExtension(csproj[0]), _version, isProject: true);
        project.DependencyTypes.Add("Project");
        if (Subject is null)
        {
            Subject = project;
            SubjectIsApplication = XDocument.Load(csproj[0]).Descendants()
                .Any(e => e.Name.LocalName == "OutputType" && string.Equals(e.Value.Trim(), "Exe", StringComparison.OrdinalIgnoreCase));
        }

        foreach (var (framework, entries) in LockFile.Read(Path.Combine(projectDirectory, "packages.lock.json")))
        {
            project.Frameworks.Add(framework);
            var byName = entries.ToDictionary(e => e.Name, StringComparer.OrdinalIgnoreCase);
            foreach (var entry in entries)
            {
                var component = ComponentOf(entry);
                component.Frameworks.Add(framework);
                component.DependencyTypes.Add(entry.Type);
                if (string.Equals(entry.Type, "Direct", StringComparison.OrdinalIgnoreCase))
                {
                    project.DependsOn.Add(component.Purl);
                }

                foreach (var dependency in entry.DependencyNames)
                {
                    if (!byName.TryGetValue(dependency, out var resolved))
                    {
                        throw new ArgumentException($"{projectDirectory}: {framework}/{entry.Name} depends on {dependency}, which the lock file does not resolve");
                    }

                    component.DependsOn.Add(ComponentOf(resolved).Purl);
                }
            }
        }

        foreach (var reference in ProjectReferences(csproj[0]))
        {
            project.DependsOn.Add(Component(reference, _version, isProject: true).Purl);
        }
    }

    private BomComponent ComponentOf(LockedPackage entry)
    {
        if (entry.IsProject)
        {
            var name = _projectNames.TryGetValue(entry.Name.ToLowerInvariant(), out var spelled) ? spelled : entry.Name;
            return Component(name, _version, isProject: true);
        }

        var component = Component(entry.Name, entry.Version, isProject: false);
        if (entry.ContentHash is not null)
        {
            component.Sha512Hex ??= Convert.ToHexStringLower(Convert.FromBase64String(entry.ContentHash));
        }

        return component;
    }

    private BomComponent Component(string name, string version, bool isProject)
    {
        var candidate = new BomComponent(name, version, isProject);
        if (_components.TryGetValue(candidate.Purl, out var existing))
        {
            return existing;
        }

        _components.Add(candidate.Purl, candidate);
        return candidate;
    }

    private static IEnumerable<string> ProjectReferences(string csprojPath) =>
        XDocument.Load(csprojPath)
            .Descendants()
            .Where(e => e.Name.LocalName == "ProjectReference")
            .Select(e => (string?)e.Attribute("Include"))
            .OfType<string>()
            .Select(include => Path.GetFileNameWithoutExtension(include.Replace('\\', '/')));
}
