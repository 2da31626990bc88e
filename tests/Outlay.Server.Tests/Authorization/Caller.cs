namespace Outlay.Server.Tests.Authorization;

/// <summary>
/// The columns of the authorization matrix: who calls. "Own" is the project that owns every resource id in the
/// request; "other" is a second project on the same server. Session callers send only the dashboard session cookie.
/// </summary>
internal enum Caller
{
    /// <summary>No credential at all.</summary>
    None,

    /// <summary>A bearer value that is not an Outlay key.</summary>
    MalformedBearer,

    /// <summary>The own project's admin key, revoked.</summary>
    RevokedAdmin,

    OtherIngest,
    OtherRead,
    OtherAdmin,
    OwnIngest,
    OwnRead,
    OwnAdmin,

    /// <summary>A dashboard session signed in with the own read key; unsafe methods without the CSRF token.</summary>
    ReadSession,

    /// <summary>The same read session, with its CSRF token on unsafe methods.</summary>
    ReadSessionCsrf,

    /// <summary>A dashboard session signed in with the own admin key; unsafe methods without the CSRF token.</summary>
    AdminSession,

    /// <summary>The same admin session, with its CSRF token on unsafe methods.</summary>
    AdminSessionCsrf,

    /// <summary>A session signed in with the other project's admin key, with its CSRF token.</summary>
    OtherAdminSessionCsrf,
}
