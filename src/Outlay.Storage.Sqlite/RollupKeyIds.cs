using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Outlay.Storage.Relational;
using SQLitePCL;

namespace Outlay.Storage.Sqlite;

/// <summary>
/// Resolves a full rollup key (its dimensions without the hour) to its <c>rollup_keys</c> id on the writer connection,
/// through an in-process cache. A miss inserts the key (or finds it, when another process or an earlier append stored
/// it) inside the caller's transaction. Ids resolved in a transaction are kept only once it commits
/// (<see cref="Committed"/>); <see cref="Discard"/> forgets them, because a rolled-back insert frees its id for another key.
/// Not thread-safe: used only under the store's write lock.
/// </summary>
internal sealed class RollupKeyIds : IDisposable
{
    // A bound on memory: a project with very many tag combinations starts over rather than holding every key's strings.
    private const int MaxCachedKeys = 200_000;

    private const string SelectSql = """
        SELECT id FROM rollup_keys
        WHERE project_id = $project AND provider = $provider AND model = $model AND operation = $operation
            AND service = $service AND environment = $environment AND key_label = $key_label AND status = $status
            AND service_tier = $tier AND tags_json = $tags;
        """;

    private const string InsertSql = """
        INSERT INTO rollup_keys (project_id, provider, model, operation, service, environment, key_label, status, service_tier, tags_json)
        VALUES ($project, $provider, $model, $operation, $service, $environment, $key_label, $status, $tier, $tags)
        ON CONFLICT DO NOTHING;
        """;

    private static readonly string[] ParameterNames =
        ["$project", "$provider", "$model", "$operation", "$service", "$environment", "$key_label", "$status", "$tier", "$tags"];

    // Ids of committed keys and of keys resolved in the open transaction, in one table so a new key is hashed and
    // probed once; _pending names the latter so a rollback can take them out again.
    private readonly Dictionary<RollupKeyIdentity, long> _ids = [];
    private readonly List<RollupKeyIdentity> _pending = [];
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _select;
    private readonly PreparedStatement _insert;

    public RollupKeyIds(SqliteConnection connection)
    {
        _connection = connection;
        _select = PositionalCommand.Create(connection, SelectSql, ParameterNames);
        _insert = new PreparedStatement(connection, InsertSql, ParameterNames);
    }

    /// <summary>The id of <paramref name="key"/>'s dimensions in <paramref name="projectId"/> (its hour is ignored).</summary>
    public long Resolve(SqliteTransaction transaction, string projectId, RollupKey key)
    {
        var identity = new RollupKeyIdentity(projectId, key);
        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_ids, identity, out var known);
        if (known)
        {
            return id;
        }

        // The reference stays valid: nothing below touches _ids before the id is stored through it.
        try
        {
            // A new key (the common miss) costs one prepared insert; a key stored by another process or before the
            // cache was emptied is then read back.
            id = Insert(projectId, key) ?? Select(transaction, projectId, key);
        }
        catch
        {
            _ids.Remove(identity);
            throw;
        }

        _pending.Add(identity);
        return id;
    }

    /// <summary>Keeps the ids resolved since the last commit or discard; call right after the transaction committed.</summary>
    public void Committed()
    {
        if (_ids.Count > MaxCachedKeys)
        {
            _ids.Clear();
        }

        _pending.Clear();
    }

    /// <summary>Forgets the ids resolved since the last commit (their transaction rolled back, or its outcome is not ours).</summary>
    public void Discard()
    {
        foreach (var identity in _pending)
        {
            _ids.Remove(identity);
        }

        _pending.Clear();
    }

    public void Dispose()
    {
        _select.Dispose();
        _insert.Dispose();
    }

    private long? Insert(string projectId, RollupKey key)
    {
        var s = _insert;
        s.Bind(0, projectId);
        s.Bind(1, key.Provider);
        s.Bind(2, key.Model);
        s.Bind(3, key.Operation);
        s.Bind(4, key.Service);
        s.Bind(5, key.Environment);
        s.Bind(6, key.KeyLabel);
        s.Bind(7, key.Status);
        s.Bind(8, key.ServiceTier);
        s.Bind(9, key.TagsJson);
        return s.Run() == 1 ? raw.sqlite3_last_insert_rowid(_connection.Handle!) : null;
    }

    private long Select(SqliteTransaction transaction, string projectId, RollupKey key)
    {
        Bind(_select, transaction, projectId, key);
        return (long)_select.ExecuteScalar()!;
    }

    private static void Bind(SqliteCommand command, SqliteTransaction transaction, string projectId, RollupKey key)
    {
        command.Transaction = transaction;
        var p = command.Parameters;
        p[0].Value = projectId;
        p[1].Value = key.Provider;
        p[2].Value = key.Model;
        p[3].Value = key.Operation;
        p[4].Value = key.Service;
        p[5].Value = key.Environment;
        p[6].Value = key.KeyLabel;
        p[7].Value = key.Status;
        p[8].Value = key.ServiceTier;
        p[9].Value = key.TagsJson;
    }
}
