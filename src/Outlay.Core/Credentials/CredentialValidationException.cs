namespace Outlay.Core.Credentials;

/// <summary>A credential request field that cannot be accepted; the message starts with the field's name and never repeats its value.</summary>
public sealed class CredentialValidationException : Exception
{
    public CredentialValidationException(string field, string problem)
        : base($"{field}: {problem}")
    {
        Field = field;
    }

    public CredentialValidationException()
    {
        Field = string.Empty;
    }

    public CredentialValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = string.Empty;
    }

    /// <summary>The field at fault, e.g. <c>label</c>, <c>retired_at</c>, <c>replaced_by</c>, <c>note</c> or <c>to</c>.</summary>
    public string Field { get; }
}
