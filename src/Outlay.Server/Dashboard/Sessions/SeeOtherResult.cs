using Microsoft.AspNetCore.Http;

namespace Outlay.Server.Dashboard.Sessions;

/// <summary>A 303 See Other to a local path: after a form post the browser follows it with a GET.</summary>
internal sealed class SeeOtherResult : IResult
{
    private readonly string _location;

    public SeeOtherResult(string location) => _location = location;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
        httpContext.Response.Headers.Location = _location;
        return Task.CompletedTask;
    }
}
