namespace Outlay.Server.Alerts.Delivery.Email;

/// <summary>Ends an SMTP send early with the outcome to report. Never carries an address, a password or a body.</summary>
internal sealed class SmtpFailure(DeliveryOutcome outcome) : Exception(outcome.Detail)
{
    /// <summary>What the caller records.</summary>
    public DeliveryOutcome Outcome { get; } = outcome;

    /// <summary>A failure that will not pass by itself.</summary>
    public static SmtpFailure Permanent(string detail) => new(DeliveryOutcome.Permanent(detail));
}
