using System.Net;
using System.Text;

namespace Outlay.Server.Alerts.Delivery.Network;

/// <summary>Sends one alert request and turns whatever happens into a <see cref="DeliveryOutcome"/>.</summary>
internal static class HttpDelivery
{
    /// <summary>Most of a response body read, only to put its start in the detail. 4 KiB.</summary>
    public const int MaxResponseBytes = 4096;

    private const int MaxDetailChars = 200;

    /// <summary>
    /// 2xx delivered; 408, 429, 5xx, timeouts and connection errors retryable; a redirect, another 4xx or a refused
    /// address permanent. Throws only when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public static async Task<DeliveryOutcome> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            if (code is >= 300 and < 400)
            {
                return DeliveryOutcome.Permanent($"HTTP {code}: redirects are not followed");
            }

            var text = await ReadStartAsync(response, cancellationToken).ConfigureAwait(false);
            var detail = text.Length == 0 ? $"HTTP {code}" : $"HTTP {code}: {text}";
            if (code is >= 200 and < 300)
            {
                return DeliveryOutcome.Success(detail);
            }

            return code is 408 or 429 or >= 500 ? DeliveryOutcome.Retry(detail) : DeliveryOutcome.Permanent(detail);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryOutcome.Retry("timed out");
        }
        catch (HttpRequestException ex)
        {
            for (Exception? inner = ex; inner is not null; inner = inner.InnerException)
            {
                if (inner is TargetRefusedException refused)
                {
                    return DeliveryOutcome.Permanent(refused.Message);
                }
            }

            // The exception's message may name the host and port; the error kind is enough and safe.
            return DeliveryOutcome.Retry($"connection failed ({ex.HttpRequestError})");
        }
    }

    private static async Task<string> ReadStartAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxResponseBytes];
        var length = 0;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            int read;
            while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            // The status already says how it ended; a body cut short only shortens the detail.
        }

        return Printable(Encoding.UTF8.GetString(buffer, 0, length));
    }

    // Keeps the detail one short, printable line whatever the target answered.
    private static string Printable(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxDetailChars));
        foreach (var c in text)
        {
            if (builder.Length == MaxDetailChars)
            {
                break;
            }

            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString().Trim();
    }
}
