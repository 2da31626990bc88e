using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Outlay.Core.Querying;

namespace Outlay.Server.Spend;

/// <summary>
/// Writes a spend answer as CSV with <see cref="SpendCsv"/>, the rows the JSON holds. With a file name it is sent as an
/// attachment (the dashboard's export); without one it is shown inline (the API's <c>format=csv</c>).
/// </summary>
internal sealed class SpendCsvResult : IResult
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly SpendResult _result;
    private readonly SpendQuery _query;
    private readonly string? _fileName;

    /// <param name="result">The rows to write.</param>
    /// <param name="query">The question they answer (columns, zone).</param>
    /// <param name="fileName">Attachment name such as <c>outlay-spend.csv</c>, ASCII only; null: no Content-Disposition.</param>
    public SpendCsvResult(SpendResult result, SpendQuery query, string? fileName = null)
    {
        _result = result;
        _query = query;
        _fileName = fileName;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "text/csv; charset=utf-8; header=present";
        if (_fileName is not null)
        {
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(_fileName);
            httpContext.Response.Headers.ContentDisposition = disposition.ToString();
        }

        var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        SpendCsv.Write(text, _result, _query);
        var bytes = Utf8NoBom.GetBytes(text.ToString());
        httpContext.Response.ContentLength = bytes.Length;
        await httpContext.Response.Body.WriteAsync(bytes, httpContext.RequestAborted).ConfigureAwait(false);
    }
}
