using System.Globalization;
using Microsoft.AspNetCore.Http;
using Outlay.Core.Security;

namespace Outlay.Server.Http;

/// <summary>
/// The problem+json responses the API returns. Details are fixed texts or messages built to be safe
/// (they name a field or parameter, never echo a refused value).
/// </summary>
internal static class ApiProblems
{
    public static IResult BadRequest(string detail) =>
        TypedResults.Problem(SecretRedactor.Redact(detail), statusCode: StatusCodes.Status400BadRequest, title: "The request is invalid.");

    public static IResult Unauthorized(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Problem(
            "Send a valid, unrevoked Outlay key as 'Authorization: Bearer <key>'.",
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Authentication required.");
    }

    public static IResult Forbidden(string detail) =>
        TypedResults.Problem(SecretRedactor.Redact(detail), statusCode: StatusCodes.Status403Forbidden, title: "This key may not do that.");

    public static IResult NotFound(string detail) =>
        TypedResults.Problem(SecretRedactor.Redact(detail), statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    public static IResult PayloadTooLarge(string detail) =>
        TypedResults.Problem(SecretRedactor.Redact(detail), statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request body is too large.");

    public static IResult UnsupportedMediaType(string detail) =>
        TypedResults.Problem(SecretRedactor.Redact(detail), statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content encoding.");

    public static IResult TooManyRequests(HttpContext context, int retryAfterSeconds, string detail)
    {
        SetRetryAfter(context, retryAfterSeconds);
        return TypedResults.Problem(SecretRedactor.Redact(detail), statusCode: StatusCodes.Status429TooManyRequests, title: "Rate limit exceeded.");
    }

    public static IResult Unavailable(HttpContext context, int retryAfterSeconds, string detail)
    {
        SetRetryAfter(context, retryAfterSeconds);
        return TypedResults.Problem(SecretRedactor.Redact(detail), statusCode: StatusCodes.Status503ServiceUnavailable, title: "The server is overloaded.");
    }

    private static void SetRetryAfter(HttpContext context, int seconds) =>
        context.Response.Headers.RetryAfter = Math.Max(1, seconds).ToString(CultureInfo.InvariantCulture);
}
