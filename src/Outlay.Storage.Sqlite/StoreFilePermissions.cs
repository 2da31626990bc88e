namespace Outlay.Storage.Sqlite;

/// <summary>
/// Creates a new store's folder and file readable by the server's own user only (0700 / 0600 on Unix).
/// The store holds key hashes, security findings and a company's spend, which other local users have no
/// business reading; SQLite gives its -wal and -shm files the database file's permissions.
/// </summary>
internal static class StoreFilePermissions
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void PrepareOwnerOnly(string? directory, string databasePath)
    {
        if (OperatingSystem.IsWindows())
        {
            // ACLs inherited from the parent folder apply on Windows.
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            return;
        }

        // An existing folder or file keeps the permissions its owner chose.
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, OwnerOnlyDirectory);
        }

        if (!File.Exists(databasePath))
        {
            using var created = new FileStream(databasePath, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = OwnerOnlyFile,
            });
        }
    }
}
