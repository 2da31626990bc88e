using Outlay.Core.Keys;

namespace Outlay.Server.Keys;

/// <summary>The API's spelling of key kinds: <c>ingest</c>, <c>read</c>, <c>admin</c>.</summary>
internal static class KeyKindText
{
    public static string Format(ApiKeyKind kind) => kind switch
    {
        ApiKeyKind.Ingest => "ingest",
        ApiKeyKind.Read => "read",
        ApiKeyKind.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string? text, out ApiKeyKind kind)
    {
        switch (text)
        {
            case "ingest":
                kind = ApiKeyKind.Ingest;
                return true;
            case "read":
                kind = ApiKeyKind.Read;
                return true;
            case "admin":
                kind = ApiKeyKind.Admin;
                return true;
            default:
                kind = default;
                return false;
        }
    }
}
