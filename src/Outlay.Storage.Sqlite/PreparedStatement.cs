using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Outlay.Storage.Sqlite;

/// <summary>
/// One statement of the append's hot path, prepared once on the writer connection's handle and re-run with values
/// bound by position. Microsoft.Data.Sqlite's commands look every parameter up by name and re-encode the name on every
/// execution and wrap each run in a data reader; at hundreds of rows per batch that cost more than SQLite's own work.
/// Values are bound and the statement stepped through <see cref="SqliteNativeMethods"/> when SQLitePCL's provider is
/// the bundled library (always, as Outlay ships), else through SQLitePCL.
/// A value equal to the one already bound at its position is not bound again: SQLite keeps bindings across runs, and
/// each bind is a call into SQLite that takes the connection's mutex and frees the old value; most columns repeat from
/// row to row (the project, provider, service, environment, key label, tier, status, nulls and zeros).
/// Prepared lazily (the tables exist only after the migrations ran); runs inside whatever transaction the connection
/// has open. Not thread-safe: used only under the store's write lock.
/// </summary>
internal sealed class PreparedStatement : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly string _sql;
    private readonly string[] _parameterNames;
    private readonly bool _native;
    private int[] _indexes = [];
    private sqlite3_stmt? _statement;

    // Valid while _statement is: the SafeHandle owns the statement, these are its and the connection's raw pointers.
    private IntPtr _statementPointer;
    private IntPtr _databasePointer;

    // Each position's text is encoded into its own pinned buffer and bound in place (no copy by SQLite); a buffer is
    // replaced only by a larger one in the same bind, so SQLite never holds a pointer into a released one it will read.
    private byte[][] _utf8 = [];

    // What each position holds now, so an equal value is not bound again.
    private BoundKind[] _kinds = [];
    private string?[] _texts = [];
    private long[] _numbers = [];

    /// <param name="connection">The writer connection; must be open whenever the statement runs.</param>
    /// <param name="sql">One statement.</param>
    /// <param name="parameterNames">The names as written in <paramref name="sql"/>; values are bound by their position here.</param>
    public PreparedStatement(SqliteConnection connection, string sql, string[] parameterNames)
        : this(connection, sql, parameterNames, SqliteNativeMethods.MatchProvider)
    {
    }

    /// <param name="connection">The writer connection; must be open whenever the statement runs.</param>
    /// <param name="sql">One statement.</param>
    /// <param name="parameterNames">The names as written in <paramref name="sql"/>; values are bound by their position here.</param>
    /// <param name="native">False to call through SQLitePCL even where the native calls would do (tests compare the two).</param>
    internal PreparedStatement(SqliteConnection connection, string sql, string[] parameterNames, bool native)
    {
        _connection = connection;
        _sql = sql;
        _parameterNames = parameterNames;
        _native = native && SqliteNativeMethods.MatchProvider;
    }

    /// <summary>How many values <see cref="Run"/> binds: the length of the name list.</summary>
    public int ParameterCount => _parameterNames.Length;

    public void Bind(int position, string? value)
    {
        var statement = Prepared();
        if (Holds(position, value))
        {
            return;
        }

        // Recorded before the call: should it fail, the next bind at this position is made again rather than skipped.
        _kinds[position] = BoundKind.Unknown;
        BindText(statement, position, value);
        _kinds[position] = value is null ? BoundKind.Null : BoundKind.Text;
        _texts[position] = value;
    }

    /// <summary>Binds <paramref name="value"/> as its <c>D</c>-format text (how event ids are stored), formatted straight into UTF-8.</summary>
    public void Bind(int position, Guid value)
    {
        var statement = Prepared();

        // An id differs from row to row: always bound, and whatever text this position held is forgotten.
        _kinds[position] = BoundKind.Unknown;
        _texts[position] = null;
        if (!_native)
        {
            Check(raw.sqlite3_bind_text(statement, _indexes[position], value.ToString("D")));
            return;
        }

        // Every position's buffer starts at 64 bytes, more than the 36 of the D format.
        var buffer = _utf8[position];
        if (!value.TryFormat(buffer, out var length, "D"))
        {
            throw new InvalidOperationException("A GUID's text must fit the parameter's buffer.");
        }

        Check(SqliteNativeMethods.BindStaticText(_statementPointer, _indexes[position], Marshal.UnsafeAddrOfPinnedArrayElement(buffer, 0), length));
    }

    public void Bind(int position, long value)
    {
        var statement = Prepared();
        if (_kinds[position] == BoundKind.Number && _numbers[position] == value)
        {
            return;
        }

        _kinds[position] = BoundKind.Unknown;
        Check(_native
            ? SqliteNativeMethods.BindInt64(_statementPointer, _indexes[position], value)
            : raw.sqlite3_bind_int64(statement, _indexes[position], value));
        _kinds[position] = BoundKind.Number;
        _numbers[position] = value;
        _texts[position] = null;
    }

    public void Bind(int position, long? value)
    {
        if (value is { } v)
        {
            Bind(position, v);
            return;
        }

        // NULL is the same value whatever the column's type, so it shares the text path's record of it.
        Bind(position, (string?)null);
    }

    /// <summary>Runs the statement to completion with the values bound since the last run; returns the rows it changed.</summary>
    /// <exception cref="SqliteException">SQLite refused the statement (a constraint, a full disk, …).</exception>
    public int Run()
    {
        var statement = Prepared();
        var handle = _connection.Handle!;
        try
        {
            int rc;
            while ((rc = _native ? SqliteNativeMethods.Step(_statementPointer) : raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                // A RETURNING clause or similar; the rows are not needed.
            }

            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, handle);
            }

            return _native ? SqliteNativeMethods.Changes(_databasePointer) : raw.sqlite3_changes(handle);
        }
        finally
        {
            if (_native)
            {
                SqliteNativeMethods.Reset(_statementPointer);
            }
            else
            {
                raw.sqlite3_reset(statement);
            }
        }
    }

    public void Dispose()
    {
        // Finalizing reads no bound value, so the pinned buffers may go with this object.
        _statementPointer = IntPtr.Zero;
        _databasePointer = IntPtr.Zero;
        _statement?.Dispose();
        _statement = null;
    }

    // Whether the position already holds this text (or NULL), so binding it again would change nothing.
    private bool Holds(int position, string? value) =>
        value is null
            ? _kinds[position] == BoundKind.Null
            : _kinds[position] == BoundKind.Text && string.Equals(_texts[position], value, StringComparison.Ordinal);

    // The check every bind makes stays small enough to inline; preparing is the rare branch.
    private sqlite3_stmt Prepared() => _statement ?? Prepare();

    private sqlite3_stmt Prepare()
    {
        var handle = _connection.Handle ?? throw new InvalidOperationException("The writer connection is not open.");
        var rc = raw.sqlite3_prepare_v2(handle, _sql, out var prepared, out var tail);
        if (rc != raw.SQLITE_OK)
        {
            prepared?.Dispose();
            SqliteException.ThrowExceptionForRC(rc, handle);
        }

        var statement = prepared ?? throw new InvalidOperationException("A prepared statement must hold one SQL statement.");

        if (!string.IsNullOrWhiteSpace(tail))
        {
            statement.Dispose();
            throw new InvalidOperationException("A prepared statement must hold exactly one SQL statement.");
        }

        var indexes = new int[_parameterNames.Length];
        for (var i = 0; i < indexes.Length; i++)
        {
            indexes[i] = raw.sqlite3_bind_parameter_index(statement, _parameterNames[i]);
            if (indexes[i] == 0)
            {
                statement.Dispose();
                throw new InvalidOperationException($"The statement has no parameter {_parameterNames[i]}.");
            }
        }

        _indexes = indexes;

        // A new statement has every parameter NULL, but nothing is assumed: the first bind at each position is made.
        _kinds = new BoundKind[indexes.Length];
        _texts = new string?[indexes.Length];
        _numbers = new long[indexes.Length];
        _utf8 = new byte[indexes.Length][];
        for (var i = 0; i < _utf8.Length; i++)
        {
            _utf8[i] = GC.AllocateUninitializedArray<byte>(64, pinned: true);
        }

        _statement = statement;
        _statementPointer = statement.DangerousGetHandle();
        _databasePointer = handle.DangerousGetHandle();
        return statement;
    }

    private void BindText(sqlite3_stmt statement, int position, string? value)
    {
        if (!_native)
        {
            Check(value is null
                ? raw.sqlite3_bind_null(statement, _indexes[position])
                : raw.sqlite3_bind_text(statement, _indexes[position], value));
            return;
        }

        if (value is null)
        {
            Check(SqliteNativeMethods.BindNull(_statementPointer, _indexes[position]));
            return;
        }

        var buffer = _utf8[position];
        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (most > buffer.Length)
        {
            buffer = GC.AllocateUninitializedArray<byte>(Math.Max(most, buffer.Length * 2), pinned: true);
            _utf8[position] = buffer;
        }

        var length = Encoding.UTF8.GetBytes(value, buffer);
        Check(SqliteNativeMethods.BindStaticText(_statementPointer, _indexes[position], Marshal.UnsafeAddrOfPinnedArrayElement(buffer, 0), length));
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
        }
    }
}
