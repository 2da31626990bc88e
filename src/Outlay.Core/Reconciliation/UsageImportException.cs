namespace Outlay.Core.Reconciliation;

/// <summary>
/// A provider usage export could not be read. The message names the place (a JSON path such as
/// <c>data[2].results[0].input_tokens</c>, or a CSV line and column) and never repeats the refused value.
/// </summary>
public sealed class UsageImportException : Exception
{
    public UsageImportException()
    {
    }

    public UsageImportException(string message)
        : base(message)
    {
    }

    public UsageImportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
