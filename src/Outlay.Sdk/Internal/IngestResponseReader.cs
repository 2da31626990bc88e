using System.Text.Json;

namespace Outlay.Sdk.Internal;

/// <summary>Reads how many events a 200 response refused: the length of its <c>rejected</c> array.</summary>
internal static class IngestResponseReader
{
    /// <summary>The number of per-event rejections; 0 when the body is empty or unreadable (the server did say 200).</summary>
    public static int CountRejected(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return 0;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return 0;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isRejected = reader.ValueTextEquals("rejected"u8);
                reader.Read();
                if (isRejected && reader.TokenType == JsonTokenType.StartArray)
                {
                    var count = 0;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        count++;
                        reader.Skip();
                    }

                    return count;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // A 200 with an unreadable body: the batch was accepted; nothing to count.
        }

        return 0;
    }
}
