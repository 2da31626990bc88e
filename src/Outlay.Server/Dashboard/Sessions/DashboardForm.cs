using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Outlay.Server.Dashboard.Sessions;

/// <summary>
/// Reads a dashboard form post: only <c>application/x-www-form-urlencoded</c>, at most <see cref="MaxBodyBytes"/>,
/// at most <see cref="MaxFields"/> fields. Anything else is refused before the handler runs.
/// </summary>
internal static class DashboardForm
{
    public const int MaxBodyBytes = 16 * 1024;
    public const int MaxFields = 64;

    private static readonly FormOptions Limits = new()
    {
        BufferBody = false,
        ValueCountLimit = MaxFields,
        KeyLengthLimit = 256,
        ValueLengthLimit = MaxBodyBytes,
        MultipartBodyLengthLimit = MaxBodyBytes,
    };

    /// <summary>The form, or null with the status code to answer (415 wrong type, 413 too large, 400 malformed).</summary>
    public static async Task<(IFormCollection? Form, int Status)> ReadAsync(HttpRequest request)
    {
        // The session filter reads the form for its CSRF check; the handler then gets the same parsed form.
        if (request.HttpContext.Features.Get<IFormFeature>() is { Form: { } alreadyRead })
        {
            return (alreadyRead, StatusCodes.Status200OK);
        }

        if (!IsUrlEncoded(request.ContentType))
        {
            return (null, StatusCodes.Status415UnsupportedMediaType);
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, StatusCodes.Status413PayloadTooLarge);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = MaxBodyBytes;
        }

        try
        {
            var form = await request.ReadFormAsync(Limits, request.HttpContext.RequestAborted).ConfigureAwait(false);
            return (form, StatusCodes.Status200OK);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, StatusCodes.Status413PayloadTooLarge);
        }
        catch (InvalidDataException)
        {
            // Too many fields or a field too long: the framework's message is not shown (it may quote input).
            return (null, StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>One field's single value, or null when absent, repeated, or longer than <paramref name="maxLength"/>.</summary>
    public static string? Field(IFormCollection form, string name, int maxLength)
    {
        var values = form[name];
        if (values.Count != 1 || values[0] is not { } value || value.Length > maxLength)
        {
            return null;
        }

        return value;
    }

    private static bool IsUrlEncoded(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var mediaType = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        return string.Equals(mediaType, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
    }
}
