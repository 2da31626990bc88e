using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Outlay.Storage.Sqlite;

/// <summary>
/// One statement of the append's hot path, prepared once on the writer connection's handle and re-run with values
/// bound by position. Microsoft.Data.Sqlite's commands look every parameter up by name and re-encode the name on every
/// execution and wrap each run in a data reader; at hundreds of rows per batch that cost more than SQLite's own work.
/// Prepared lazily (the tables exist only after the migrations ran); runs inside whatever transaction the connection
/// has open. Not thread-safe: used only under the store's write lock.
/// </summary>
internal sealed class PreparedStatement : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly string _sql;
    private readonly string[] _parameterNames;
    private int[] _indexes = [];
    private sqlite3_stmt? _statement;

    /// <param name="connection">The writer connection; must be open whenever the statement runs.</param>
    /// <param name="sql">One statement.</param>
    /// <param name="parameterNames">The names as written in <paramref name="sql"/>; values are bound by their position here.</param>
    public PreparedStatement(SqliteConnection connection, string sql, string[] parameterNames)
    {
        _connection = connection;
        _sql = sql;
        _parameterNames = parameterNames;
    }

    /// <summary>How many values <see cref="Run"/> binds: the length of the name list.</summary>
    public int ParameterCount => _parameterNames.Length;

    public void Bind(int position, string? value)
    {
        var statement = Prepared();
        Check(value is null
            ? raw.sqlite3_bind_null(statement, _indexes[position])
            : raw.sqlite3_bind_text(statement, _indexes[position], value));
    }

    public void Bind(int position, long value) => Check(raw.sqlite3_bind_int64(Prepared(), _indexes[position], value));

    public void Bind(int position, long? value)
    {
        var statement = Prepared();
        Check(value is { } v ? raw.sqlite3_bind_int64(statement, _indexes[position], v) : raw.sqlite3_bind_null(statement, _indexes[position]));
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
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                // A RETURNING clause or similar; the rows are not needed.
            }

            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, handle);
            }

            return raw.sqlite3_changes(handle);
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    public void Dispose()
    {
        _statement?.Dispose();
        _statement = null;
    }

    private sqlite3_stmt Prepared()
    {
        if (_statement is not null)
        {
            return _statement;
        }

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
        _statement = statement;
        return statement;
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
        }
    }
}
