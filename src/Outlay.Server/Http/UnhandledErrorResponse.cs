using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Outlay.Server.Http;

/// <summary>A fixed 500 problem for unexpected failures: no exception text, which could quote input, reaches the client.</summary>
internal static class UnhandledErrorResponse
{
    public static IApplicationBuilder UseFixedErrorResponse(this IApplicationBuilder app) =>
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = static context =>
            {
                var status = context.Features.Get<IExceptionHandlerFeature>()?.Error is BadHttpRequestException bad
                    ? bad.StatusCode
                    : StatusCodes.Status500InternalServerError;
                return TypedResults.Problem(
                    status == StatusCodes.Status500InternalServerError ? "The server failed to handle the request." : "The request could not be read.",
                    statusCode: status).ExecuteAsync(context);
            },
        });
}
