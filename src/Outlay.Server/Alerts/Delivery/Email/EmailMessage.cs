using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Outlay.Server.Alerts.Delivery.Email;

/// <summary>
/// Writes a notice as an RFC 5322 message: Date, From, To, Subject (RFC 2047 when not ASCII), Message-ID,
/// MIME-Version, a UTF-8 text/plain body in quoted-printable, CRLF line ends.
/// </summary>
internal static class EmailMessage
{
    /// <summary>Largest message written. 256 KiB.</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>
    /// The message text. Throws <see cref="SmtpFailure"/> (permanent) when a header value carries a line break or
    /// another control character, so no header can be injected.
    /// </summary>
    public static string Build(string from, IReadOnlyList<string> recipients, AlertNotice notice, DateTimeOffset now)
    {
        RequireHeaderSafe(notice.Title, "Subject");
        RequireHeaderSafe(notice.Id, "X-Outlay-Event-Id");
        RequireHeaderSafe(notice.Event, "X-Outlay-Event");
        RequireHeaderSafe(from, "From");
        foreach (var recipient in recipients)
        {
            RequireHeaderSafe(recipient, "To");
        }

        var message = new StringBuilder();
        Header(message, "Date", now.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture));
        Header(message, "From", from);
        Header(message, "To", string.Join(",\r\n ", recipients));
        Header(message, "Subject", EncodedWords.Encode(notice.Title));
        Header(message, "Message-ID", $"<{Guid.NewGuid():N}@{MailAddressRules.Domain(from)}>");
        Header(message, "MIME-Version", "1.0");
        Header(message, "Content-Type", "text/plain; charset=utf-8");
        Header(message, "Content-Transfer-Encoding", "quoted-printable");
        Header(message, "X-Outlay-Event", EncodedWords.Encode(notice.Event));
        Header(message, "X-Outlay-Event-Id", EncodedWords.Encode(notice.Id));
        message.Append("\r\n");
        message.Append(QuotedPrintable.Encode(Body(notice)));
        message.Append("\r\n");

        var text = message.ToString();
        if (text.Length > MaxBytes)
        {
            throw SmtpFailure.Permanent($"email is {text.Length} bytes, above the {MaxBytes}-byte limit");
        }

        return text;
    }

    /// <summary>The plain-text body before transfer encoding.</summary>
    public static string Body(AlertNotice notice)
    {
        var body = new StringBuilder();
        body.Append(notice.Title).Append("\n\n");
        body.Append(notice.Summary).Append("\n\n");
        body.Append("Project: ").Append(notice.ProjectId).Append('\n');
        body.Append("Event: ").Append(notice.Event).Append('\n');
        body.Append("Occurred: ").Append(notice.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)).Append('\n');
        if (notice.Link is { } link)
        {
            body.Append("Link: ").Append(link.AbsoluteUri).Append('\n');
        }

        body.Append("\nDetails:\n").Append(IndentedJson(notice)).Append('\n');
        return body.ToString();
    }

    private static string IndentedJson(AlertNotice notice)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            notice.Data.WriteTo(json);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Header(StringBuilder message, string name, string value) =>
        message.Append(name).Append(": ").Append(value).Append("\r\n");

    private static void RequireHeaderSafe(string value, string header)
    {
        if (value.Any(char.IsControl))
        {
            throw SmtpFailure.Permanent($"refused: the {header} header value contains a line break or control character");
        }
    }
}
