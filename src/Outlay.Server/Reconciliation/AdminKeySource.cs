namespace Outlay.Server.Reconciliation;

/// <summary>
/// Where one provider's admin key comes from: an environment variable, else a file that only its owner may read.
/// Nothing else: the key is never taken from a command line argument (visible to every user in the process list),
/// never stored in the database, never logged.
/// </summary>
/// <param name="Provider">The provider, for messages.</param>
/// <param name="EnvironmentVariable">The variable that, when set and not empty, holds the key.</param>
/// <param name="FilePath">The key file, or null.</param>
internal sealed record AdminKeySource(string Provider, string EnvironmentVariable, string? FilePath)
{
    /// <summary>Largest key file accepted: 4 KiB (a key is under 200 characters).</summary>
    public const int MaxFileBytes = 4096;

    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>True when an environment value or a file is configured.</summary>
    public bool IsConfigured(Func<string, string?> environment) =>
        !string.IsNullOrWhiteSpace(environment(EnvironmentVariable)) || FilePath is not null;

    /// <summary>
    /// Reads the key now (each pull reads it again, so a rotated file is picked up without a restart).
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The file is missing, too large, empty, not private, or holds more than one line; the message names the file and
    /// the fix, never the content.
    /// </exception>
    public AdminApiKey Load(Func<string, string?> environment)
    {
        var fromEnvironment = environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Check(fromEnvironment.Trim(), EnvironmentVariable);
        }

        if (FilePath is null)
        {
            throw new InvalidOperationException($"No {Provider} admin key: set {EnvironmentVariable} or give a key file.");
        }

        var path = Path.GetFullPath(FilePath);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The {Provider} admin key file {path} does not exist.");
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & GroupOrOther) != 0)
        {
            throw new InvalidOperationException(
                $"The {Provider} admin key file {path} may be read or changed by other users; make it private to the server's user (chmod 600) or set {EnvironmentVariable}.");
        }

        if (new FileInfo(path).Length > MaxFileBytes)
        {
            throw new InvalidOperationException($"The {Provider} admin key file {path} is larger than {MaxFileBytes} bytes; it must hold only the key.");
        }

        return Check(File.ReadAllText(path).Trim(), $"the file {path}");
    }

    private AdminApiKey Check(string key, string where)
    {
        // A key goes into one header: an empty one or one with a line break or other control character is a mistake
        // (two keys pasted, a stray byte), refused before any request rather than sent.
        if (key.Length == 0 || key.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            throw new InvalidOperationException($"The {Provider} admin key in {where} must be one key on one line.");
        }

        return new AdminApiKey(key);
    }
}
