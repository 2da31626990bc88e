namespace Outlay.SbomGenerator;

/// <summary>One entry of a packages.lock.json target framework section.</summary>
/// <param name="Name">Package id as the lock file spells it (project entries are lower-case there).</param>
/// <param name="Version">Resolved version; empty for a project entry, which has none in the lock file.</param>
/// <param name="Type">Direct, Transitive, CentralTransitive or Project.</param>
/// <param name="ContentHash">Base64 SHA-512 of the .nupkg; null for a project.</param>
/// <param name="DependencyNames">Ids this entry depends on, resolved within the same target framework.</param>
internal sealed record LockedPackage(
    string Name,
    string Version,
    string Type,
    string? ContentHash,
    IReadOnlyList<string> DependencyNames)
{
    /// <summary>True for a ProjectReference rather than a package.</summary>
    public bool IsProject => string.Equals(Type, "Project", StringComparison.OrdinalIgnoreCase);
}
