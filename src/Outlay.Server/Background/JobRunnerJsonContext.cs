using System.Text.Json.Serialization;

namespace Outlay.Server.Background;

/// <summary>Source-generated JSON metadata for the job runner's status answer.</summary>
[JsonSerializable(typeof(JobRunnerResponse))]
internal sealed partial class JobRunnerJsonContext : JsonSerializerContext;
