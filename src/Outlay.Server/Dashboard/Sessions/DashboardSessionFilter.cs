using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Outlay.Server.Dashboard.Layout;

namespace Outlay.Server.Dashboard.Sessions;

/// <summary>
/// Guards the signed-in dashboard group: resolves the session into a <see cref="DashboardContext"/>, or sends a
/// GET to sign-in (303, keeping where it was going) and refuses anything else (403). Every POST must also come
/// from this origin and carry the session's CSRF token in the form field <c>_csrf</c>.
/// </summary>
internal sealed class DashboardSessionFilter : IEndpointFilter
{
    public const string CsrfField = "_csrf";
    private const int MaxTokenLength = 128;

    private readonly DashboardSessions _sessions;

    public DashboardSessionFilter(DashboardSessions sessions) => _sessions = sessions;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var caller = await _sessions.ResolveAsync(http).ConfigureAwait(false);
        var isRead = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
        if (caller is null)
        {
            if (isRead)
            {
                var target = ReturnPath.Sanitize(http.Request.Path.Value + http.Request.QueryString.Value);
                return new SeeOtherResult("/signin?return=" + Uri.EscapeDataString(target));
            }

            return DashboardLayout.ErrorPage(http, null, StatusCodes.Status403Forbidden, "Signed out", "Your session has ended. Sign in again and repeat the action.");
        }

        if (!isRead)
        {
            var refusal = await CheckStateChangeAsync(http, caller).ConfigureAwait(false);
            if (refusal is not null)
            {
                return refusal;
            }
        }

        DashboardContext.Set(http, caller);
        return await next(context).ConfigureAwait(false);
    }

    private static async Task<IResult?> CheckStateChangeAsync(HttpContext http, DashboardContext caller)
    {
        if (!SameOriginCheck.IsAllowed(http.Request))
        {
            return DashboardLayout.ErrorPage(http, caller, StatusCodes.Status403Forbidden, "Refused", "This request came from another site, so it was not carried out.");
        }

        var (form, status) = await DashboardForm.ReadAsync(http.Request).ConfigureAwait(false);
        if (form is null)
        {
            return DashboardLayout.ErrorPage(http, caller, status, "Refused", "The form could not be read: it must be a normal form post of at most 16 KiB.");
        }

        var presented = DashboardForm.Field(form, CsrfField, MaxTokenLength);
        if (presented is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented), Encoding.ASCII.GetBytes(caller.CsrfToken)))
        {
            return DashboardLayout.ErrorPage(http, caller, StatusCodes.Status403Forbidden, "Refused", "The form was out of date or not sent by this dashboard. Reload the page and try again.");
        }

        return null;
    }
}
