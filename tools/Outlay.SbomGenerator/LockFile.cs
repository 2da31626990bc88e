using System.Text.Json;

namespace Outlay.SbomGenerator;

/// <summary>Reads a packages.lock.json (version 1 or 2) into its target framework sections.</summary>
internal static class LockFile
{
    /// <summary>Lock files here are a few tens of kilobytes; anything past this is not a lock file.</summary>
    private const long MaxBytes = 16 * 1024 * 1024;

    /// <summary>Entries per target framework key (e.g. "net10.0", or "net10.0/linux-x64" for a runtime graph).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<LockedPackage>> Read(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new ArgumentException($"no lock file at {path}: restore the project first (packages.lock.json is committed per project)");
        }

        if (info.Length > MaxBytes)
        {
            throw new ArgumentException($"{path} is {info.Length} bytes, over the {MaxBytes}-byte limit for a lock file");
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        var version = root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;
        if (version is not (1 or 2))
        {
            throw new ArgumentException($"{path}: lock file version {version} is not 1 or 2");
        }

        if (!root.TryGetProperty("dependencies", out var frameworks) || frameworks.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"{path}: no 'dependencies' object");
        }

        var result = new SortedDictionary<string, IReadOnlyList<LockedPackage>>(StringComparer.Ordinal);
        foreach (var framework in frameworks.EnumerateObject())
        {
            var entries = new List<LockedPackage>();
            foreach (var entry in framework.Value.EnumerateObject())
            {
                entries.Add(ReadEntry(path, framework.Name, entry));
            }

            result[framework.Name] = entries;
        }

        return result;
    }

    private static LockedPackage ReadEntry(string path, string framework, JsonProperty entry)
    {
        var body = entry.Value;
        var type = String(body, "type") ?? throw new ArgumentException($"{path}: {framework}/{entry.Name} has no type");
        var resolved = String(body, "resolved");
        if (resolved is null && !string.Equals(type, "Project", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"{path}: package {framework}/{entry.Name} has no resolved version");
        }

        var dependencies = new List<string>();
        if (body.TryGetProperty("dependencies", out var deps) && deps.ValueKind == JsonValueKind.Object)
        {
            foreach (var dependency in deps.EnumerateObject())
            {
                dependencies.Add(dependency.Name);
            }
        }

        return new LockedPackage(entry.Name, resolved ?? string.Empty, type, String(body, "contentHash"), dependencies);
    }

    private static string? String(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
