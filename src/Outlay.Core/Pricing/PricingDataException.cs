namespace Outlay.Core.Pricing;

/// <summary>
/// A price catalog, pricing configuration or imported price file is malformed. The message names the bad field
/// (a JSON path such as <c>entries[3].input</c>) and never repeats the refused value.
/// </summary>
public sealed class PricingDataException : Exception
{
    public PricingDataException()
    {
    }

    public PricingDataException(string message)
        : base(message)
    {
    }

    public PricingDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
