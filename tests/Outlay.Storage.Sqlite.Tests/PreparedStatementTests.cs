using Microsoft.Data.Sqlite;

namespace Outlay.Storage.Sqlite.Tests;

/// <summary>
/// The append's <see cref="PreparedStatement"/> binds and steps through <see cref="SqliteNativeMethods"/>; what it
/// stores must be exactly what SQLitePCL's own calls store, for every kind of value the append binds.
/// </summary>
public sealed class PreparedStatementTests
{
    private const string InsertSql = "INSERT INTO t (k, s, n) VALUES ($k, $s, $n) ON CONFLICT (k) DO NOTHING;";

    private static readonly string[] Parameters = ["$k", "$s", "$n"];

    private static readonly (string? Text, long? Number)[] Values =
    [
        ("plain", 0),
        (string.Empty, long.MaxValue),
        (null, long.MinValue),
        ("ünïcødé — 中文 — emoji 👩🏽‍💻 and a combining é", null),
        ("tag.customer", -1),
        (new string('x', 70_000), 1),
        ("lone surrogate \ud800 end", 2),
        ("{\"customer\":\"acme\",\"feature\":\"chat\"}", 3),
    ];

    [Fact]
    public void The_bundled_library_is_the_one_bound_directly()
    {
        // Outlay ships SQLitePCL's e_sqlite3 bundle, so the native path is the one every append takes.
        Assert.True(SqliteNativeMethods.MatchProvider);
    }

    [Fact]
    public void Native_binds_store_exactly_what_sqlitepcl_binds()
    {
        var native = Store(native: true);
        var provider = Store(native: false);

        Assert.Equal(Values.Length, native.Count);
        Assert.Equal(provider, native);
        for (var i = 0; i < Values.Length; i++)
        {
            // Invalid UTF-16 is stored as U+FFFD by both; everything else round-trips unchanged.
            var expected = Values[i].Text?.Replace('\ud800', '\ufffd');
            Assert.Equal((expected, Values[i].Number), (native[i].Text, native[i].Number));
        }
    }

    [Fact]
    public void Repeated_values_are_stored_row_for_row_when_equal_ones_are_not_bound_again()
    {
        // An equal value is not rebound; every change between text, NULL, number, GUID and other text must still land.
        var same = "repeated";
        var equal = new string("repeated".AsSpan());
        var id = Guid.CreateVersion7(DateTimeOffset.UnixEpoch);
        (object? Text, long? Number)[] rows =
        [
            (same, 1), (same, 1), (equal, 1), (null, 1), (null, null), (null, null), (same, null), ("repeatee", 0),
            (id, 0), ("repeatee", 0), (id, 0), (id, -1), (string.Empty, long.MaxValue), (string.Empty, long.MaxValue),
            (new string('y', 500), 2), ("short", 2), ("short", 3), (null, 3),
        ];
        foreach (var native in new[] { true, false })
        {
            using var connection = Open();
            using var insert = new PreparedStatement(connection, InsertSql, Parameters, native);
            for (var i = 0; i < rows.Length; i++)
            {
                insert.Bind(0, (long)i);
                if (rows[i].Text is Guid guid)
                {
                    insert.Bind(1, guid);
                }
                else
                {
                    insert.Bind(1, (string?)rows[i].Text);
                }

                insert.Bind(2, rows[i].Number);
                Assert.Equal(1, insert.Run());
            }

            var expected = rows.Select(r => (r.Text is Guid g ? g.ToString("D") : (string?)r.Text, r.Number)).ToList();
            Assert.Equal(expected, ReadAll(connection));
        }
    }

    [Fact]
    public void A_guid_is_stored_as_its_d_format_text_by_both_paths()
    {
        // Event ids are bound as GUIDs formatted straight into UTF-8; what is stored must be ToString("D"), as before.
        Guid[] ids = [Guid.Empty, Guid.AllBitsSet, Guid.CreateVersion7(DateTimeOffset.UnixEpoch), new("0123abcd-4567-89ef-fedc-ba9876543210")];
        foreach (var native in new[] { true, false })
        {
            using var connection = Open();
            using var insert = new PreparedStatement(connection, InsertSql, Parameters, native);
            for (var i = 0; i < ids.Length; i++)
            {
                // A long text first grows the position's buffer; the GUID after it must still bind only its 36 bytes.
                insert.Bind(0, 100L + i);
                insert.Bind(1, new string('x', 300));
                insert.Bind(2, (long?)null);
                Assert.Equal(1, insert.Run());

                insert.Bind(0, (long)i);
                insert.Bind(1, ids[i]);
                insert.Bind(2, (long?)null);
                Assert.Equal(1, insert.Run());
            }

            using var select = new SqliteCommand("SELECT s FROM t WHERE k < 100 ORDER BY k", connection);
            using var reader = select.ExecuteReader();
            var stored = new List<string>();
            while (reader.Read())
            {
                stored.Add(reader.GetString(0));
            }

            Assert.Equal(ids.Select(id => id.ToString("D")), stored);
        }
    }

    [Fact]
    public void A_second_run_reports_no_change_and_a_refused_row_throws()
    {
        using var connection = Open();
        using var insert = new PreparedStatement(connection, InsertSql, Parameters);
        Assert.Equal(1, Insert(insert, 7, "a", 1));
        Assert.Equal(0, Insert(insert, 7, "b", 2));

        using var strict = new PreparedStatement(connection, "INSERT INTO t (k, s, n) VALUES ($k, $s, $n);", Parameters);
        var refused = Assert.Throws<SqliteException>(() => Insert(strict, 7, "c", 3));
        Assert.Equal(19, refused.SqliteErrorCode); // SQLITE_CONSTRAINT

        // The statement was reset after the failure and runs again.
        Assert.Equal(1, Insert(strict, 8, "d", 4));
        Assert.Equal(2L, new SqliteCommand("SELECT count(*) FROM t", connection).ExecuteScalar());
    }

    private static List<(string? Text, long? Number)> Store(bool native)
    {
        using var connection = Open();
        using (var insert = new PreparedStatement(connection, InsertSql, Parameters, native))
        {
            for (var i = 0; i < Values.Length; i++)
            {
                Assert.Equal(1, Insert(insert, i, Values[i].Text, Values[i].Number));
            }
        }

        return ReadAll(connection);
    }

    private static List<(string? Text, long? Number)> ReadAll(SqliteConnection connection)
    {
        var rows = new List<(string?, long?)>();
        using var select = new SqliteCommand("SELECT s, n FROM t ORDER BY k", connection);
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            rows.Add((reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt64(1)));
        }

        return rows;
    }

    private static int Insert(PreparedStatement statement, long key, string? text, long? number)
    {
        statement.Bind(0, key);
        statement.Bind(1, text);
        statement.Bind(2, number);
        return statement.Run();
    }

    private static SqliteConnection Open()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var create = new SqliteCommand("CREATE TABLE t (k INTEGER PRIMARY KEY, s TEXT, n INTEGER);", connection);
        create.ExecuteNonQuery();
        return connection;
    }
}
