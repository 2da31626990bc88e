using System.Buffers;
using System.IO.Compression;
using System.Text.Json;

namespace Outlay.Sdk.Internal;

/// <summary>
/// Writes <c>{"events":[...],"dropped":{...}}</c> in the v1 wire format, gzip-compressed when asked.
/// Buffers are reused from batch to batch; the delivery loop is the only caller.
/// </summary>
internal sealed class BatchBodyWriter
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, SkipValidation = true };

    private readonly ArrayBufferWriter<byte> _json = new(64 * 1024);
    private readonly MemoryStream _compressed = new();
    private readonly string? _defaultService;
    private readonly string? _defaultEnvironment;
    private readonly string? _defaultInstance;
    private Utf8JsonWriter? _writer;

    public BatchBodyWriter(string? defaultService, string? defaultEnvironment, string? defaultInstance)
    {
        _defaultService = defaultService;
        _defaultEnvironment = defaultEnvironment;
        _defaultInstance = defaultInstance;
    }

    /// <summary>The body for <paramref name="count"/> events from <paramref name="offset"/>; valid until the next call.</summary>
    public ReadOnlyMemory<byte> Write(UsageEvent[] events, int offset, int count, DropCounts dropped, bool gzip)
    {
        _json.ResetWrittenCount();
        var writer = _writer ??= new Utf8JsonWriter(_json, WriterOptions);
        writer.Reset(_json);
        writer.WriteStartObject();
        writer.WriteStartArray("events");
        for (var i = offset; i < offset + count; i++)
        {
            WriteEvent(writer, events[i]);
        }

        writer.WriteEndArray();
        if (!dropped.IsEmpty)
        {
            writer.WriteStartObject("dropped");
            writer.WriteNumber("queue_full", dropped.QueueFull);
            writer.WriteNumber("rejected_by_server", dropped.RejectedByServer);
            writer.WriteNumber("send_failed", dropped.SendFailed);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.Flush();
        if (!gzip)
        {
            return _json.WrittenMemory;
        }

        _compressed.SetLength(0);
        using (var zip = new GZipStream(_compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zip.Write(_json.WrittenSpan);
        }

        return _compressed.GetBuffer().AsMemory(0, (int)_compressed.Length);
    }

    private void WriteEvent(Utf8JsonWriter writer, UsageEvent e)
    {
        writer.WriteStartObject();
        writer.WriteString("id", e.Id);
        writer.WriteString("timestamp", e.Timestamp.UtcDateTime);
        writer.WriteString("provider", e.Provider);
        writer.WriteString("model", e.Model);
        WriteOptional(writer, "operation", e.Operation);
        writer.WriteStartObject("usage");
        writer.WriteNumber("input_tokens", e.InputTokens);
        writer.WriteNumber("output_tokens", e.OutputTokens);
        writer.WriteNumber("cache_read_tokens", e.CacheReadTokens);
        writer.WriteNumber("cache_write_tokens", e.CacheWriteTokens);
        writer.WriteNumber("cache_write_1h_tokens", e.CacheWrite1hTokens);
        writer.WriteNumber("reasoning_tokens", e.ReasoningTokens);
        writer.WriteEndObject();
        WriteOptional(writer, "service_tier", e.ServiceTier);
        WriteOptional(writer, "status", e.Status);
        if (e.LatencyMs is { } latency)
        {
            writer.WriteNumber("latency_ms", latency);
        }

        WriteOptional(writer, "service", e.Service ?? _defaultService);
        WriteOptional(writer, "environment", e.Environment ?? _defaultEnvironment);
        WriteOptional(writer, "instance", e.Instance ?? _defaultInstance);
        WriteOptional(writer, "key_label", e.KeyLabel);
        if (e.Tags is { Count: > 0 } tags)
        {
            writer.WriteStartObject("tags");
            var written = 0;
            foreach (var tag in tags)
            {
                if (written < TagRules.MaxTags && TagRules.IsAccepted(tag.Key, tag.Value))
                {
                    writer.WriteString(tag.Key, tag.Value);
                    written++;
                }
                else
                {
                    OutlaySdkEventSource.Log.TagLeftOut();
                }
            }

            writer.WriteEndObject();
        }

        if (e.CostUsd is { } cost)
        {
            // decimal is written exactly, digit for digit.
            writer.WriteNumber("cost_usd", cost);
        }

        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
