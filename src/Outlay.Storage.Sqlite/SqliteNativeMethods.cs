using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
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

    /// <summary>SQLITE_STATIC: SQLite reads the caller's bytes in place, until the parameter is bound again.</summary>
    private static readonly IntPtr Static = IntPtr.Zero;

    /// <summary>
    /// True when SQLitePCL's provider is the bundled <c>e_sqlite3</c>, so the pointers it hands out belong to the library
    /// imported here; with another provider (SQLCipher, the system's SQLite) the store keeps to SQLitePCL's own calls.
    /// </summary>
    public static bool MatchProvider { get; } = ProviderIsBundled();

    private static bool ProviderIsBundled()
    {
        // Microsoft.Data.Sqlite sets SQLitePCL's provider in SqliteConnection's static constructor; run it first, so
        // this holds even before any connection was made.
        RuntimeHelpers.RunClassConstructor(typeof(SqliteConnection).TypeHandle);
        return string.Equals(raw.GetNativeLibraryName(), Library, StringComparison.Ordinal);
    }

    public static int BindInt64(IntPtr statement, int index, long value) => sqlite3_bind_int64(statement, index, value);

    public static int BindNull(IntPtr statement, int index) => sqlite3_bind_null(statement, index);

    /// <summary>
    /// Binds <paramref name="length"/> UTF-8 bytes at <paramref name="utf8"/> (no terminator needed) as TEXT without a
    /// copy: the memory must stay where it is, unchanged, until the statement has run and the parameter is bound again.
    /// </summary>
    public static int BindStaticText(IntPtr statement, int index, IntPtr utf8, int length) =>
        sqlite3_bind_text(statement, index, utf8, length, Static);

    public static int Step(IntPtr statement) => sqlite3_step(statement);

    public static int Reset(IntPtr statement) => sqlite3_reset(statement);

    public static int Changes(IntPtr database) => sqlite3_changes(database);

    // DllImport rather than LibraryImport: the latter needs unsafe code enabled for the whole assembly. Every parameter
    // is blittable, so no marshalling code runs. The binds and sqlite3_changes only set or read a few fields (a bind
    // may free the parameter's previous value), so they skip the GC transition; step and reset do I/O and keep it.
    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    [SuppressGCTransition]
    private static extern int sqlite3_bind_int64(IntPtr statement, int index, long value);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    [SuppressGCTransition]
    private static extern int sqlite3_bind_null(IntPtr statement, int index);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    [SuppressGCTransition]
    private static extern int sqlite3_bind_text(IntPtr statement, int index, IntPtr value, int length, IntPtr destructor);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_step(IntPtr statement);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_reset(IntPtr statement);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    [SuppressGCTransition]
    private static extern int sqlite3_changes(IntPtr database);
}
