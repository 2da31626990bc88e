namespace Outlay.Sdk.Budgets;

/// <summary>How one status request ended.</summary>
internal enum BudgetFetchKind
{
    /// <summary>A readable status answer: the cache is replaced.</summary>
    Received,

    /// <summary>Network error, timeout, an unexpected status, or an unreadable or oversized body: retried with back-off.</summary>
    Failed,

    /// <summary>401 or 403: the key may not read the status; refreshing stops, since asking again cannot help.</summary>
    Refused,
}
