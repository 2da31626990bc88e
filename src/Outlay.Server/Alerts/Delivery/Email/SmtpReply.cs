namespace Outlay.Server.Alerts.Delivery.Email;

/// <summary>One SMTP reply: the three-digit code and the text of each line.</summary>
internal sealed record SmtpReply(int Code, IReadOnlyList<string> Lines)
{
    /// <summary>
    /// The reply as a safe detail: the code and the enhanced status (<c>5.1.1</c>) when given, never the text, which
    /// often repeats an address.
    /// </summary>
    public string Describe(string stage)
    {
        var first = Lines.Count > 0 ? Lines[0] : string.Empty;
        var space = first.IndexOf(' ', StringComparison.Ordinal);
        var status = space > 0 ? first[..space] : first;
        var enhanced = status.Length is >= 5 and <= 11 && status.All(c => char.IsAsciiDigit(c) || c == '.') && status.Count(c => c == '.') == 2;
        return enhanced ? $"SMTP {Code} {status} at {stage}" : $"SMTP {Code} at {stage}";
    }
}
