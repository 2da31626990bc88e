using Outlay.Storage.Relational;

namespace Outlay.Storage.Sqlite;

/// <summary>
/// A full rollup key's dimensions (its hour is dropped) within a project, with their hash computed once: the key id
/// cache looks each one up, adds it and may later remove it, and each of those would otherwise hash all ten strings
/// (the tags JSON among them) again.
/// </summary>
internal readonly struct RollupKeyIdentity : IEquatable<RollupKeyIdentity>
{
    private readonly int _hash;

    public RollupKeyIdentity(string projectId, RollupKey key)
    {
        ProjectId = projectId;
        Key = key with { Hour = 0 };
        _hash = HashCode.Combine(projectId, Key);
    }

    public string ProjectId { get; }

    public RollupKey Key { get; }

    public bool Equals(RollupKeyIdentity other) =>
        _hash == other._hash && string.Equals(ProjectId, other.ProjectId, StringComparison.Ordinal) && Key.Equals(other.Key);

    public override bool Equals(object? obj) => obj is RollupKeyIdentity other && Equals(other);

    public override int GetHashCode() => _hash;
}
