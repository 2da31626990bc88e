using Outlay.Core.Security;

namespace Outlay.Core.Events;

/// <summary>
/// What is wrong with one event while it is read. Reading goes on after the first problem so that every string is
/// still screened: a credential anywhere in the event must become a finding even when another field is also bad.
/// </summary>
internal sealed class EventIssues
{
    /// <summary>The first validation error, <c>field: reason</c>.</summary>
    public string? FirstError { get; private set; }

    /// <summary>The first credential-looking value found.</summary>
    public DetectedSecret? Secret { get; private set; }

    public bool IsEmpty => FirstError is null && Secret is null;

    public void Refuse(string field, string reason) => FirstError ??= $"{field}: {reason}";

    /// <summary>Runs the secret tripwire on <paramref name="value"/>; returns false when it looks like a credential.</summary>
    public bool Screen(string field, ReadOnlySpan<char> value)
    {
        var format = SecretDetector.DetectFormat(value);
        if (format is null)
        {
            return true;
        }

        Secret ??= new DetectedSecret(field, format);
        return false;
    }

    /// <summary>The rejection message: a credential outranks any other error because it becomes a security finding.</summary>
    public string ErrorMessage() => Secret is { } secret
        ? $"{secret.Field}: value looks like a credential ({secret.Format}); the event was refused and the value was not stored"
        : FirstError ?? throw new InvalidOperationException("The event has no issues.");
}
