using System.Text.Json.Serialization;

namespace Outlay.Storage.Postgres;

/// <summary>Source-generated JSON for the few list columns (no reflection-based serialisation).</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class PostgresJsonContext : JsonSerializerContext;
