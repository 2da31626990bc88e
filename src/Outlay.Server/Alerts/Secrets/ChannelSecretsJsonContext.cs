using System.Text.Json.Serialization;

namespace Outlay.Server.Alerts.Secrets;

/// <summary>Source-generated JSON for the sealed channel settings.</summary>
[JsonSerializable(typeof(SealedChannelSettings))]
internal sealed partial class ChannelSecretsJsonContext : JsonSerializerContext;
