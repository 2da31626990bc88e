using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Outlay.Server.Ingest;

namespace Outlay.Server.Http;

/// <summary>
/// Reads the small JSON body of an admin request (create a key, a budget) with a hard size limit, answering every
/// failure with a fixed text: a serializer message can quote the input, which may hold something secret.
/// </summary>
internal static class JsonRequestBody
{
    /// <summary>Largest body accepted: 16 KiB.</summary>
    public const int MaxBytes = 16 * 1024;

    /// <summary>The parsed body, or the problem to answer with (413 too large, 400 not that shape or not an object).</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type, string shape)
        where T : class
    {
        if (context.Request.ContentLength > MaxBytes)
        {
            return (null, TooLarge());
        }

        T? value;
        try
        {
            using var limited = new LengthLimitedStream(context.Request.Body, MaxBytes);
            value = await JsonSerializer.DeserializeAsync(limited, type, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BodyTooLargeException)
        {
            return (null, TooLarge());
        }
        catch (JsonException)
        {
            return (null, ApiProblems.BadRequest(shape));
        }

        return value is null ? (null, ApiProblems.BadRequest("The body must be a JSON object.")) : (value, null);
    }

    private static IResult TooLarge() => ApiProblems.PayloadTooLarge($"The body must not exceed {MaxBytes} bytes.");
}
