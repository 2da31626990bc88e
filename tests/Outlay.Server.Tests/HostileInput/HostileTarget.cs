using Outlay.Core.Keys;

namespace Outlay.Server.Tests.HostileInput;

/// <summary>
/// One ingest path as a client reaches it: the request path (with query), the media type and encoding a valid client
/// sends, and the kind of key it needs. <see cref="Name"/> is also the corpus folder of its kept cases.
/// </summary>
internal sealed record HostileTarget(string Name, string Path, string ContentType, bool Gzip, ApiKeyKind Key, ValidBodies.Kind Body)
{
    public static readonly HostileTarget EventsJson = new("events-json", "/v1/events", "application/json", false, ApiKeyKind.Ingest, ValidBodies.Kind.Events);
    public static readonly HostileTarget EventsGzip = new("events-gzip", "/v1/events", "application/json", true, ApiKeyKind.Ingest, ValidBodies.Kind.Events);
    public static readonly HostileTarget TracesProtobuf = new("traces-protobuf", "/v1/traces", "application/x-protobuf", false, ApiKeyKind.Ingest, ValidBodies.Kind.TracesProtobuf);
    public static readonly HostileTarget TracesProtobufGzip = new("traces-protobuf-gzip", "/v1/traces", "application/x-protobuf", true, ApiKeyKind.Ingest, ValidBodies.Kind.TracesProtobuf);
    public static readonly HostileTarget TracesJson = new("traces-json", "/v1/traces", "application/json", false, ApiKeyKind.Ingest, ValidBodies.Kind.TracesJson);
    public static readonly HostileTarget TracesJsonGzip = new("traces-json-gzip", "/v1/traces", "application/json", true, ApiKeyKind.Ingest, ValidBodies.Kind.TracesJson);
    public static readonly HostileTarget LogsProtobuf = new("logs-protobuf", "/v1/logs", "application/x-protobuf", false, ApiKeyKind.Ingest, ValidBodies.Kind.LogsProtobuf);
    public static readonly HostileTarget LogsJson = new("logs-json", "/v1/logs", "application/json", false, ApiKeyKind.Ingest, ValidBodies.Kind.LogsJson);
    public static readonly HostileTarget LogsJsonGzip = new("logs-json-gzip", "/v1/logs", "application/json", true, ApiKeyKind.Ingest, ValidBodies.Kind.LogsJson);
    public static readonly HostileTarget ImportJson = new("import-json", "/api/v1/provider-usage/import", "application/json", false, ApiKeyKind.Admin, ValidBodies.Kind.ImportOpenAi);
    public static readonly HostileTarget ImportCsv = new("import-csv", "/api/v1/provider-usage/import?format=csv", "text/csv", false, ApiKeyKind.Admin, ValidBodies.Kind.ImportCsv);

    public static IReadOnlyList<HostileTarget> All { get; } =
        [EventsJson, EventsGzip, TracesProtobuf, TracesProtobufGzip, TracesJson, TracesJsonGzip, LogsProtobuf, LogsJson, LogsJsonGzip, ImportJson, ImportCsv];

    public bool IsJson => Body is not (ValidBodies.Kind.TracesProtobuf or ValidBodies.Kind.LogsProtobuf or ValidBodies.Kind.ImportCsv);

    public bool IsEvents => Body == ValidBodies.Kind.Events;

    public bool IsImport => Key == ApiKeyKind.Admin;

    public static HostileTarget Named(string name) =>
        All.FirstOrDefault(t => t.Name == name) ?? throw new ArgumentException($"No hostile-input target is named '{name}'.", nameof(name));
}
