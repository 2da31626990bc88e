namespace Outlay.Core.Providers;

/// <summary>
/// Thrown when a provider response carries no readable usage (malformed JSON, an unknown shape, or a stream
/// sent without usage). The message names what is missing and never includes any part of the body.
/// </summary>
public sealed class ProviderResponseException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public ProviderResponseException()
        : base("The provider response carries no readable usage.")
    {
    }

    /// <summary>Creates the exception with a message that must not contain body content.</summary>
    public ProviderResponseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public ProviderResponseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
