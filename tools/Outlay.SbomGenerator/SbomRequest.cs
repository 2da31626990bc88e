namespace Outlay.SbomGenerator;

/// <summary>One SBOM to write: its file stem and the project directories (relative to the root) it covers, subject first.</summary>
internal sealed record SbomRequest(string Name, IReadOnlyList<string> Projects)
{
    /// <summary>Parses "outlay-server=src/Outlay.Cli,src/Outlay.Server".</summary>
    public static SbomRequest Parse(string value)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == value.Length - 1)
        {
            throw new ArgumentException($"--bom '{value}' is not NAME=PROJECT_DIR[,PROJECT_DIR…]");
        }

        var name = value[..equals];
        if (name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_')))
        {
            throw new ArgumentException($"--bom name '{name}' may hold only letters, digits, '-', '.' and '_'");
        }

        return new SbomRequest(name, value[(equals + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
