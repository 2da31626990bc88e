namespace Outlay.Sdk.Budgets;

/// <summary>The result of one status request: its kind, the HTTP status (0 when none arrived), <c>Retry-After</c>, and the snapshot when received.</summary>
internal readonly record struct BudgetFetchOutcome(BudgetFetchKind Kind, int StatusCode, string? RetryAfter, BudgetSnapshot? Snapshot, string Reason)
{
    public static BudgetFetchOutcome Failure(int statusCode, string? retryAfter, string reason) =>
        new(BudgetFetchKind.Failed, statusCode, retryAfter, null, reason);
}
