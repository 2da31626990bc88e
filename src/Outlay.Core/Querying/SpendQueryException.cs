namespace Outlay.Core.Querying;

/// <summary>A spend query parameter that cannot be understood; the message names the parameter.</summary>
public sealed class SpendQueryException : Exception
{
    public SpendQueryException(string parameter, string problem)
        : base($"{parameter}: {problem}")
    {
        Parameter = parameter;
    }

    public SpendQueryException()
    {
        Parameter = string.Empty;
    }

    public SpendQueryException(string message, Exception innerException)
        : base(message, innerException)
    {
        Parameter = string.Empty;
    }

    public string Parameter { get; }
}
