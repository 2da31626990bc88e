using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Outlay.Core.Keys;
using Outlay.Core.Storage;
using Outlay.Server.Auth;
using Outlay.Server.Dashboard.Html;
using Outlay.Server.Dashboard.Layout;
using Outlay.Server.Dashboard.Sessions;
using Outlay.Server.Keys;

namespace Outlay.Server.Dashboard.Keys;

/// <summary>
/// Key management for admin sessions: <c>GET /keys</c> lists and offers a create form, <c>POST /keys</c> creates a key
/// and shows its text once, <c>POST /keys/{keyId}/revoke</c> revokes one (ending its dashboard sessions and cached
/// verifications at once). Validation and creation are the API's own (<see cref="CreateKeyValidation"/>,
/// <see cref="ApiKeyFactory"/>). Read sessions get a 403 page.
/// </summary>
internal static class KeysPage
{
    private const int MaxEnvironmentsFieldLength = 2048;

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/keys", ListAsync);
        group.MapPost("/keys", CreateAsync);
        group.MapPost("/keys/{keyId}/revoke", RevokeAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext http, IOutlayStore store)
    {
        var caller = DashboardContext.Get(http);
        if (!caller.IsAdmin)
        {
            return AdminOnly(http, caller);
        }

        return await RenderListAsync(http, store, caller, null, null, StatusCodes.Status200OK).ConfigureAwait(false);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, IOutlayStore store, TimeProvider time, ILoggerFactory loggers)
    {
        var caller = DashboardContext.Get(http);
        if (!caller.IsAdmin)
        {
            return AdminOnly(http, caller);
        }

        // The session filter has read and checked the form already.
        var (form, _) = await DashboardForm.ReadAsync(http.Request).ConfigureAwait(false);
        var kindText = form is null ? null : DashboardForm.Field(form, "kind", 16);
        var name = form is null ? null : DashboardForm.Field(form, "name", CreateKeyValidation.MaxNameLength + 1);
        var environmentsText = form is null ? null : DashboardForm.Field(form, "environments", MaxEnvironmentsFieldLength);
        if (form is not null && form["environments"].Count == 1 && environmentsText is null)
        {
            return await RenderListAsync(http, store, caller, "environments: the list is too long.", form, StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        var environments = (environmentsText ?? string.Empty)
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var request = new CreateKeyRequest(kindText, environments, string.IsNullOrWhiteSpace(name) ? null : name.Trim());
        var error = CreateKeyValidation.Validate(request, out var kind);
        if (error is not null)
        {
            return await RenderListAsync(http, store, caller, error, form, StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        var (keyText, record) = ApiKeyFactory.Create(kind, caller.ProjectId, environments, request.Name, time.GetUtcNow());
        await store.AddKeyAsync(record, http.RequestAborted).ConfigureAwait(false);
        ServerLog.KeyCreated(loggers.CreateLogger(typeof(KeysPage)), record.KeyId, KeyKindText.Format(kind), caller.ProjectId);

        // The one response that carries a key's text: never stored by the browser or anything in between.
        http.Response.Headers.CacheControl = "no-store";
        var body = new HtmlBuilder()
            .Element("h1", "Key created")
            .Open("section", ("class", "panel"))
            .Open("p", ("class", "notice"), ("role", "alert"))
            .Open("strong").Text("Copy this key now. ").Close("strong")
            .Text("It will not be shown again: Outlay keeps only its hash.")
            .Close("p")
            .Element("p", KeyKindText.Format(kind) + " key " + record.KeyId + (request.Name is null ? string.Empty : " (" + request.Name + ")"), ("data-testid", "created-key-id"))
            .Element("p", keyText, ("id", "new-key"), ("class", "secret"), ("data-testid", "key-secret"))
            .Element("button", "Copy to clipboard", ("type", "button"), ("data-copy", "#new-key"), ("hidden", string.Empty), ("data-testid", "copy-key"))
            .Open("p").Element("a", "Back to keys", ("href", DashboardLinks.WithTimeZone(http, "/keys"))).Close("p")
            .Close("section");
        return DashboardLayout.Page(http, caller, "Key created", DashboardNav.Keys, body, StatusCodes.Status201Created);
    }

    private static async Task<IResult> RevokeAsync(string keyId, HttpContext http, IOutlayStore store, TimeProvider time, ApiKeyAuthenticator authenticator, ILoggerFactory loggers)
    {
        var caller = DashboardContext.Get(http);
        if (!caller.IsAdmin)
        {
            return AdminOnly(http, caller);
        }

        var record = keyId.Length <= 64 ? await store.FindKeyAsync(keyId, http.RequestAborted).ConfigureAwait(false) : null;

        // Another project's key answers exactly like a missing one, so ids cannot be probed across projects.
        if (record is null || !string.Equals(record.ProjectId, caller.ProjectId, StringComparison.Ordinal))
        {
            return DashboardLayout.ErrorPage(http, caller, StatusCodes.Status404NotFound, "No such key", "There is no key with that id in this project.");
        }

        if (record.RevokedAt is null)
        {
            await store.RevokeKeyAsync(record.KeyId, time.GetUtcNow(), http.RequestAborted).ConfigureAwait(false);
            ServerLog.KeyRevoked(loggers.CreateLogger(typeof(KeysPage)), record.KeyId);
        }

        // Cached API verifications go now; dashboard sessions check the key's record on every request.
        authenticator.Evict(record.KeyId);
        return new SeeOtherResult(DashboardLinks.WithTimeZone(http, "/keys"));
    }

    private static IResult AdminOnly(HttpContext http, DashboardContext caller) =>
        DashboardLayout.ErrorPage(http, caller, StatusCodes.Status403Forbidden, "Admin key needed", "Managing keys needs a session signed in with an admin key. Sign out and sign in with an admin key of this project.");

    private static async Task<IResult> RenderListAsync(HttpContext http, IOutlayStore store, DashboardContext caller, string? error, IFormCollection? previous, int statusCode)
    {
        var keys = (await store.ListKeysAsync(caller.ProjectId, http.RequestAborted).ConfigureAwait(false))
            .Where(k => string.Equals(k.ProjectId, caller.ProjectId, StringComparison.Ordinal))
            .OrderBy(k => k.RevokedAt is not null)
            .ThenByDescending(k => k.CreatedAt)
            .ToList();

        var body = new HtmlBuilder().Element("h1", "Keys");
        body.Element("p", "Ingest keys send events (the SDK and OTLP); read keys query spend and sign in here; admin keys also manage keys. Outlay keeps only a hash of each key.", ("class", "muted"));
        WriteCreateForm(body, caller, error, previous);
        WriteTable(body, caller, keys);
        return DashboardLayout.Page(http, caller, "Keys", DashboardNav.Keys, body, statusCode);
    }

    private static void WriteCreateForm(HtmlBuilder body, DashboardContext caller, string? error, IFormCollection? previous)
    {
        var previousKind = previous is null ? "ingest" : DashboardForm.Field(previous, "kind", 16) ?? "ingest";
        body.Open("section", ("class", "panel"))
            .Element("h2", "Create a key");
        if (error is not null)
        {
            body.Element("p", error, ("class", "form-error"), ("role", "alert"), ("data-testid", "key-error"));
        }

        body.Open("form", ("method", "post"), ("action", "/keys"), ("data-testid", "create-key-form"))
            .Void("input", ("type", "hidden"), ("name", DashboardSessionFilter.CsrfField), ("value", caller.CsrfToken))
            .Open("div", ("class", "form-grid"))
            .Open("div", ("class", "field"))
            .Element("label", "Kind", ("for", "key-kind"))
            .Open("select", ("id", "key-kind"), ("name", "kind"), ("data-testid", "key-kind-select"));
        foreach (var kind in new[] { "ingest", "read", "admin" })
        {
            body.Element("option", kind, ("value", kind), ("selected", kind == previousKind ? string.Empty : null));
        }

        body.Close("select").Close("div")
            .Open("div", ("class", "field"))
            .Element("label", "Name", ("for", "key-name"))
            .Void("input", ("type", "text"), ("id", "key-name"), ("name", "name"), ("maxlength", CreateKeyValidation.MaxNameLength.ToString(CultureInfo.InvariantCulture)), ("value", previous is null ? null : DashboardForm.Field(previous, "name", CreateKeyValidation.MaxNameLength)), ("data-testid", "key-name"))
            .Close("div")
            .Open("div", ("class", "field"))
            .Open("label", ("for", "key-environments")).Text("Environments ").Element("span", "(ingest keys only; comma-separated, empty = any)", ("class", "hint")).Close("label")
            .Void("input", ("type", "text"), ("id", "key-environments"), ("name", "environments"), ("maxlength", MaxEnvironmentsFieldLength.ToString(CultureInfo.InvariantCulture)), ("placeholder", "prod, staging"), ("value", previous is null ? null : DashboardForm.Field(previous, "environments", MaxEnvironmentsFieldLength)), ("data-testid", "key-environments"))
            .Close("div")
            .Open("div", ("class", "field"))
            .Element("button", "Create key", ("type", "submit"), ("class", "button-primary"), ("data-testid", "create-key"))
            .Close("div")
            .Close("div")
            .Close("form")
            .Close("section");
    }

    private static void WriteTable(HtmlBuilder body, DashboardContext caller, IReadOnlyList<ApiKeyRecord> keys)
    {
        body.Element("h2", "Keys of this project");
        body.Open("div", ("class", "table-scroll"))
            .Open("table", ("data-testid", "keys-table"))
            .Open("thead").Open("tr");
        foreach (var heading in new[] { "Id", "Kind", "Name", "Environments", "Created", "Status", string.Empty })
        {
            body.Open("th", ("scope", "col")).Text(heading).Close("th");
        }

        body.Close("tr").Close("thead").Open("tbody");
        foreach (var key in keys)
        {
            var created = LocalTimeText.Text(key.CreatedAt, caller.TimeZone);
            body.Open("tr", ("data-key-id", key.KeyId))
                .Element("th", key.KeyId, ("scope", "row"), ("class", "mono"))
                .Element("td", KeyKindText.Format(key.Kind))
                .Element("td", key.Name ?? "—")
                .Element("td", key.Environments.Count == 0 ? (key.Kind == ApiKeyKind.Ingest ? "any" : "—") : string.Join(", ", key.Environments))
                .Element("td", created);
            if (key.RevokedAt is { } revokedAt)
            {
                var revoked = LocalTimeText.Text(revokedAt, caller.TimeZone);
                body.Open("td").Element("span", "revoked " + revoked, ("class", "badge badge-danger")).Close("td").Element("td", string.Empty);
            }
            else
            {
                var self = string.Equals(key.KeyId, caller.KeyId, StringComparison.Ordinal);
                body.Open("td").Element("span", self ? "active (this session)" : "active", ("class", "badge badge-ok")).Close("td")
                    .Open("td")
                    .Open("form", ("method", "post"), ("action", "/keys/" + key.KeyId + "/revoke"), ("class", "inline-form"), ("data-confirm", self ? "Revoke the key this session uses? You will be signed out." : "Revoke key " + key.KeyId + "? Anything using it stops working at once."))
                    .Void("input", ("type", "hidden"), ("name", DashboardSessionFilter.CsrfField), ("value", caller.CsrfToken))
                    .Element("button", "Revoke", ("type", "submit"), ("class", "button-danger"), ("data-testid", "revoke-" + key.KeyId))
                    .Close("form")
                    .Close("td");
            }

            body.Close("tr");
        }

        body.Close("tbody").Close("table").Close("div");
    }
}
