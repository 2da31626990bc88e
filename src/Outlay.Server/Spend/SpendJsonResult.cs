using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Outlay.Core.Querying;

namespace Outlay.Server.Spend;

/// <summary>Writes a spend answer with <see cref="SpendResultJson"/>, the same code the CLI prints with, so every surface agrees.</summary>
internal sealed class SpendJsonResult : IResult
{
    private readonly SpendResult _result;
    private readonly SpendQuery _query;

    public SpendJsonResult(SpendResult result, SpendQuery query)
    {
        _result = result;
        _query = query;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await using (var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter))
        {
            SpendResultJson.Write(writer, _result, _query);
        }

        await httpContext.Response.BodyWriter.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
    }
}
