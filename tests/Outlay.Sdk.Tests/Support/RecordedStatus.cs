namespace Outlay.Sdk.Tests.Support;

/// <summary>
/// A <c>GET /api/v1/budgets/status</c> answer as the server writes it (recorded from a test server, names changed): three
/// budgets in different states and scopes, their month periods ending on 2026-12-01.
/// </summary>
internal static class RecordedStatus
{
    /// <summary>The instant the answer was made; tests start their clock here.</summary>
    public static readonly DateTimeOffset AsOf = new(2026, 11, 23, 10, 15, 2, 123, TimeSpan.Zero);

    /// <summary>When the month budgets reset.</summary>
    public static readonly DateTimeOffset MonthEnd = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public const string Body = """
        {"as_of":"2026-11-23T10:15:02.123+00:00","budgets":[
        {"name":"Acme prod","state":"exceeded","percentage":104.25,"scope":["environment:prod","tag.customer:acme"],"period":"month","resets_at":"2026-12-01T00:00:00+00:00"},
        {"name":"Staging","state":"ok","percentage":12.5,"scope":["environment:staging"],"period":"month","resets_at":"2026-12-01T00:00:00+00:00"},
        {"name":"Embeddings","state":"warning","percentage":80,"scope":["operation:embeddings","provider:openai|azure"],"period":"rolling","resets_at":null}]}
        """;
}
