namespace Outlay.Storage.Sqlite;

/// <summary>
/// The lock file of one job beside the database: <c>{database}-job-{name}.lock</c>, owner-only, never deleted. Opened
/// with <see cref="FileShare.None"/>, which .NET turns into <c>flock(LOCK_EX | LOCK_NB)</c> on Unix (a share mode on
/// Windows): exclusive between processes and between two handles of one process, released by the kernel when the holder
/// dies. Chosen over a lease row with an expiry because it needs no clock, no renewal writes to the database and no
/// schema change, and a dead holder is replaced as soon as the next attempt runs rather than after an expiry.
/// </summary>
internal static class SqliteJobLockFile
{
    // Windows: ERROR_SHARING_VIOLATION. Unix: .NET reports flock's EWOULDBLOCK errno as the HResult (11 on Linux, 35 on macOS).
    private const int SharingViolation = unchecked((int)0x80070020);
    private const int LinuxWouldBlock = 11;
    private const int MacWouldBlock = 35;

    public static string PathFor(string databasePath, string name) => databasePath + "-job-" + name + ".lock";

    /// <summary>The locked file, or null when another handle holds the lock.</summary>
    /// <exception cref="InvalidOperationException">.NET file locking is turned off in this process, so the lock would not be exclusive.</exception>
    public static FileStream? TryLock(string path)
    {
        if (AppContext.TryGetSwitch("System.IO.DisableFileLocking", out var disabled) && disabled
            || Environment.GetEnvironmentVariable("DOTNET_SYSTEM_IO_DISABLEFILELOCKING") is "1" or "true")
        {
            throw new InvalidOperationException("File locking is disabled (System.IO.DisableFileLocking), so a SQLite job lock cannot be exclusive.");
        }

        try
        {
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            return new FileStream(path, options);
        }
        catch (IOException e) when (IsHeldElsewhere(e.HResult))
        {
            return null;
        }
    }

    private static bool IsHeldElsewhere(int hresult) =>
        OperatingSystem.IsWindows() ? hresult == SharingViolation
        : OperatingSystem.IsMacOS() ? hresult == MacWouldBlock
        : hresult == LinuxWouldBlock;
}
