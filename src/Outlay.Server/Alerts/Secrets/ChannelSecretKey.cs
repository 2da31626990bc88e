using System.Security.Cryptography;
using System.Text;

namespace Outlay.Server.Alerts.Secrets;

/// <summary>
/// Finds the 32-byte key that seals channel settings: the environment variable <c>OUTLAY_SECRET_KEY</c> (base64) when
/// set, else a key file (base64 text), created on first use with owner-only permissions. Two processes creating it at
/// once end up with the same key: creation happens under an exclusive lock on a sibling <c>.lock</c> file, and the key
/// is written to a private temporary file renamed into place, so the file is never seen half written. (On Unix
/// <see cref="File.Move(string, string, bool)"/> without overwrite checks and renames in two steps, so it alone cannot
/// settle the race.) A key file that its group or other users may access is refused.
/// </summary>
internal static class ChannelSecretKey
{
    /// <summary>The environment variable that, when set, holds the key (base64 of 32 bytes).</summary>
    public const string EnvironmentVariable = "OUTLAY_SECRET_KEY";

    /// <summary>Key length: 32 bytes (AES-256).</summary>
    public const int Length = 32;

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>The key from <paramref name="environmentValue"/> when not null, else from (or newly in) <paramref name="path"/>.</summary>
    /// <exception cref="InvalidOperationException">The environment value or the file is not base64 of 32 bytes, or the file is not private.</exception>
    public static byte[] Load(string? environmentValue, string? path)
    {
        if (environmentValue is not null)
        {
            return Decode(environmentValue)
                ?? throw new InvalidOperationException($"{EnvironmentVariable} must be the base64 encoding of exactly {Length} random bytes (e.g. `openssl rand -base64 32`).");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            TryCreate(fullPath);
        }

        return Read(fullPath);
    }

    /// <summary>Base64 of 32 bytes, or null.</summary>
    public static byte[]? Decode(string text)
    {
        var buffer = new byte[Length + 3];
        return Convert.TryFromBase64String(text.Trim(), buffer, out var written) && written == Length ? buffer[..Length] : null;
    }

    private static void TryCreate(string path)
    {
        using var creationLock = AcquireCreationLock(path + ".lock");
        try
        {
            if (!File.Exists(path))
            {
                Write(path);
            }
        }
        finally
        {
            // Removed only once the key exists: anyone who opens a new lock file after this sees the key and creates
            // nothing, so two holders of different lock files can never both write one.
            if (File.Exists(path))
            {
                File.Delete(path + ".lock");
            }
        }
    }

    private static FileStream AcquireCreationLock(string lockPath)
    {
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                return new FileStream(lockPath, options);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Held by another process (or thread) creating the key; it finishes in milliseconds.
                Thread.Sleep(10);
            }
        }
    }

    private static void Write(string path)
    {
        var temporary = path + "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(Length)) + "\n"));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: false);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static byte[] Read(string path)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & GroupOrOther) != 0)
        {
            throw new InvalidOperationException(
                $"The secret key file {path} may be read or changed by other users; make it private (chmod 600) or set {EnvironmentVariable}.");
        }

        var info = new FileInfo(path);
        if (info.Length > 1024)
        {
            throw new InvalidOperationException($"The secret key file {path} is not a key (base64 of {Length} bytes).");
        }

        return Decode(File.ReadAllText(path, Encoding.ASCII))
            ?? throw new InvalidOperationException($"The secret key file {path} is not a key (base64 of {Length} bytes).");
    }
}
