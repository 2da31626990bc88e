using System.Text.Json;
using Outlay.Core.Storage;

namespace Outlay.Core.Events;

/// <summary>
/// The optional <c>dropped</c> object of a batch: counts an SDK had to drop since its last successful send. Part of
/// the envelope, so anything wrong with it refuses the whole batch.
/// </summary>
internal static class DropReportReader
{
    /// <summary>Reads the object at the reader (or null for JSON null); the reader ends on its last token.</summary>
    public static ClientDropReport? Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new EventBatchFormatException("'dropped' must be an object with queue_full, rejected_by_server and send_failed counts");
        }

        long queueFull = 0, rejectedByServer = 0, sendFailed = 0;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var (bit, name) = reader.ValueTextEquals("queue_full"u8) ? (1, "queue_full")
                : reader.ValueTextEquals("rejected_by_server"u8) ? (2, "rejected_by_server")
                : reader.ValueTextEquals("send_failed"u8) ? (4, "send_failed")
                : (0, string.Empty);
            if (bit == 0)
            {
                throw new EventBatchFormatException("'dropped' has an unknown field; allowed are queue_full, rejected_by_server and send_failed");
            }

            if ((seen & bit) != 0)
            {
                throw new EventBatchFormatException($"'dropped.{name}' appears more than once");
            }

            seen |= bit;
            reader.Read();
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var count) || count < 0)
            {
                throw new EventBatchFormatException($"'dropped.{name}' must be a non-negative integer");
            }

            switch (bit)
            {
                case 1:
                    queueFull = count;
                    break;
                case 2:
                    rejectedByServer = count;
                    break;
                default:
                    sendFailed = count;
                    break;
            }
        }

        return new ClientDropReport(queueFull, rejectedByServer, sendFailed);
    }
}
