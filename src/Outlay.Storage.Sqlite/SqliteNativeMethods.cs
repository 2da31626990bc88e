using System.Runtime.InteropServices;
using SQLitePCL;

namespace Outlay.Storage.Sqlite;

/// <summary>
/// The few SQLite C functions the append's hot statements call per row, imported from the same <c>e_sqlite3</c>
/// library that SQLitePCL's bundled provider loads, on raw pointers. Through SQLitePCL each call adds a
/// <see cref="SafeHandle"/> add-ref and release, an interface dispatch and, for text, its own UTF-8 copy; at 25 values
/// per event that was a quarter of the writer's time. The caller keeps the statement's <see cref="SafeHandle"/> alive
/// and uses the pointer only on the writer thread.
/// </summary>
internal static class SqliteNativeMethods
{
    private const string Library = "e_sqlite3";

    /// <summary>SQLite copies the value before the bind returns, so the caller's buffer may be reused at once.</summary>
    private static readonly IntPtr Transient = new(-1);

    /// <summary>
    /// True when SQLitePCL's provider is the bundled <c>e_sqlite3</c>, so the pointers it hands out belong to the library
    /// imported here; with another provider (SQLCipher, the system's SQLite) the store keeps to SQLitePCL's own calls.
    /// </summary>
    public static bool MatchProvider { get; } = string.Equals(raw.GetNativeLibraryName(), Library, StringComparison.Ordinal);

    public static int BindInt64(IntPtr statement, int index, long value) => sqlite3_bind_int64(statement, index, value);

    public static int BindNull(IntPtr statement, int index) => sqlite3_bind_null(statement, index);

    /// <summary>Binds <paramref name="utf8"/> (no terminator needed) as TEXT; SQLite copies it.</summary>
    public static int BindText(IntPtr statement, int index, ReadOnlySpan<byte> utf8) =>
        sqlite3_bind_text(statement, index, ref MemoryMarshal.GetReference(utf8), utf8.Length, Transient);

    public static int Step(IntPtr statement) => sqlite3_step(statement);

    public static int Reset(IntPtr statement) => sqlite3_reset(statement);

    public static int Changes(IntPtr database) => sqlite3_changes(database);

    // DllImport rather than LibraryImport: the latter needs unsafe code enabled for the whole assembly. Every parameter
    // is blittable (a ref byte is pinned for the call), so no marshalling code runs.
    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_bind_int64(IntPtr statement, int index, long value);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_bind_null(IntPtr statement, int index);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_bind_text(IntPtr statement, int index, ref byte value, int length, IntPtr destructor);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_step(IntPtr statement);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_reset(IntPtr statement);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_changes(IntPtr database);
}
