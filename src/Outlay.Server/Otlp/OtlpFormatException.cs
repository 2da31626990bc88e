namespace Outlay.Server.Otlp;

/// <summary>An OTLP body that cannot be decoded (answered 400). The message names the structure, never a value.</summary>
internal sealed class OtlpFormatException : Exception
{
    public OtlpFormatException()
        : base("The OTLP body is malformed.")
    {
    }

    public OtlpFormatException(string message)
        : base(message)
    {
    }

    public OtlpFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
