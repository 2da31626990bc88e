using System.Globalization;
using System.Text;

namespace Outlay.Sdk.Budgets;

/// <summary>
/// Thrown by an Outlay integration (such as the Microsoft.Extensions.AI middleware with a budget policy) instead of
/// calling the provider, because a budget that would count the call counts as exceeded. The provider was not called.
/// Names the budgets with their state and percentage; never an amount.
/// </summary>
public sealed class BudgetExceededException : Exception
{
    /// <summary>Creates the exception with a generic message and no budgets.</summary>
    public BudgetExceededException()
        : this("An Outlay budget is exceeded; the provider was not called.")
    {
    }

    /// <summary>Creates the exception with a message and no budgets.</summary>
    /// <param name="message">The message.</param>
    public BudgetExceededException(string message)
        : base(message)
    {
        Budgets = [];
    }

    /// <summary>Creates the exception with a message, an inner exception and no budgets.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public BudgetExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
        Budgets = [];
    }

    /// <summary>Creates the exception for the budgets that counted as exceeded; the message names each with its state and percentage.</summary>
    /// <param name="budgets">The budgets that counted as exceeded.</param>
    /// <exception cref="ArgumentNullException"><paramref name="budgets"/> is null.</exception>
    public BudgetExceededException(IReadOnlyList<BudgetStatus> budgets)
        : base(Describe(budgets ?? throw new ArgumentNullException(nameof(budgets))))
    {
        Budgets = budgets;
    }

    /// <summary>The budgets that counted as exceeded: exceeded, or unknown or stale and fail-closed. Empty when not given.</summary>
    public IReadOnlyList<BudgetStatus> Budgets { get; }

    private static string Describe(IReadOnlyList<BudgetStatus> budgets)
    {
        var text = new StringBuilder(budgets.Count == 1 ? "Outlay budget " : "Outlay budgets ");
        for (var i = 0; i < budgets.Count; i++)
        {
            var budget = budgets[i];
            text.Append(i == 0 ? string.Empty : ", ").Append('\'').Append(budget.Name).Append("' (");
            if (budget.State == BudgetState.Unknown || budget.IsStale)
            {
                text.Append(budget.State == BudgetState.Unknown ? "unknown" : "stale").Append(", fails closed");
            }
            else
            {
                text.Append(budget.State.ToString().ToLowerInvariant());
            }

            if (budget.Percentage is { } percentage)
            {
                text.Append(", ").Append(percentage.ToString(CultureInfo.InvariantCulture)).Append('%');
            }

            text.Append(')');
        }

        return text.Append(budgets.Count == 1 ? " counts" : " count").Append(" as exceeded; the provider was not called.").ToString();
    }
}
