using System.Buffers;
using System.ClientModel.Primitives;
using System.Text;
using System.Text.Json;
using Outlay.Core.Providers;

namespace Outlay.Sdk.OpenAI;

/// <summary>
/// Rebuilds the wire JSON the core's provider adapters read — <c>object</c>, <c>id</c>, <c>model</c>,
/// <c>service_tier</c> and <c>usage</c> — from an SDK result and reads it with <see cref="ProviderResponseReader"/>,
/// so the token rules live in the core alone (including the choice of adapter, e.g. DeepSeek's rules for a
/// DeepSeek answer read through this SDK).
/// </summary>
/// <remarks>
/// Only the usage sub-model is serialised with <see cref="ModelReaderWriter"/> (its wire JSON keeps fields the SDK
/// has no property for, such as <c>prompt_tokens_details.cache_write_tokens</c>); the result itself is never
/// serialised, so message contents, output items and embedding vectors are never copied or read.
/// </remarks>
internal static class UsageEnvelope
{
    public static ProviderUsage Read<TUsage>(
        string objectKind,
        string? id,
        string? model,
        string? serviceTier,
        TUsage usage,
        string? providerHint)
        where TUsage : IPersistableModel<TUsage>
    {
        var usageJson = ModelReaderWriter.Write(usage, ModelReaderWriterOptions.Json);
        return Read(objectKind, id, model, serviceTier, usageJson.ToMemory(), providerHint);
    }

    /// <summary>The same from a <c>usage</c> object already in wire JSON (<c>{}</c> for a call whose usage never arrived).</summary>
    public static ProviderUsage Read(
        string objectKind,
        string? id,
        string? model,
        string? serviceTier,
        ReadOnlyMemory<byte> usageJson,
        string? providerHint)
    {
        var buffer = new ArrayBufferWriter<byte>(usageJson.Length + 256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("object", objectKind);
            WriteIfPresent(writer, "id", id);
            WriteIfPresent(writer, "model", model);
            WriteIfPresent(writer, "service_tier", serviceTier);
            writer.WritePropertyName("usage");
            writer.WriteRawValue(usageJson.Span);
            writer.WriteEndObject();
        }

        return ProviderResponseReader.Read(Encoding.UTF8.GetString(buffer.WrittenSpan), providerHint ?? ProviderNames.OpenAi);
    }

    private static void WriteIfPresent(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
