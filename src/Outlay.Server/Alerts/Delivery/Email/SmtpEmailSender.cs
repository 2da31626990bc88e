using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;

namespace Outlay.Server.Alerts.Delivery.Email;

/// <summary>
/// Sends a notice as one email through the configured SMTP server, with a client of our own: EHLO (HELO when
/// refused), STARTTLS or implicit TLS, AUTH PLAIN or LOGIN only over TLS, MAIL FROM, RCPT TO per recipient, DATA
/// dot-stuffed, QUIT. 4xx replies are retryable, 5xx permanent. The SMTP host is the operator's own setting, so
/// the webhook address guard does not apply to it.
/// </summary>
internal sealed class SmtpEmailSender
{
    private readonly SmtpSettings? settings;
    private readonly TimeProvider clock;
    private readonly RemoteCertificateValidationCallback? certificateValidation;

    /// <param name="settings">The server's SMTP settings; null reports "SMTP not configured".</param>
    /// <param name="clock">Stamps the Date header.</param>
    /// <param name="certificateValidation">
    /// Tests only: accepts a test certificate. Default null keeps the platform's certificate validation.
    /// </param>
    public SmtpEmailSender(SmtpSettings? settings, TimeProvider clock, RemoteCertificateValidationCallback? certificateValidation = null)
    {
        this.settings = settings;
        this.clock = clock;
        this.certificateValidation = certificateValidation;
    }

    /// <summary>Sends once to every recipient of <paramref name="config"/>, or to none.</summary>
    public async Task<DeliveryOutcome> SendAsync(AlertChannelConfig config, AlertNotice notice, CancellationToken cancellationToken)
    {
        if (settings is null || string.IsNullOrWhiteSpace(settings.Host))
        {
            return DeliveryOutcome.Permanent("SMTP not configured");
        }

        if (!MailAddressRules.IsValid(settings.From))
        {
            return DeliveryOutcome.Permanent("SMTP From address is not a plain address");
        }

        if (config.Recipients.Count is 0 or > MailAddressRules.MaxRecipients || !config.Recipients.All(MailAddressRules.IsValid))
        {
            return DeliveryOutcome.Permanent($"email channel needs 1 to {MailAddressRules.MaxRecipients} plain recipient addresses");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            var message = EmailMessage.Build(settings.From, config.Recipients, notice, clock.GetUtcNow());
            return await TransactAsync(settings, config.Recipients, message, timeout.Token).ConfigureAwait(false);
        }
        catch (SmtpFailure failure)
        {
            return failure.Outcome;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryOutcome.Retry("SMTP timed out");
        }
        catch (SocketException ex)
        {
            return DeliveryOutcome.Retry($"SMTP connection failed ({ex.SocketErrorCode})");
        }
        catch (AuthenticationException)
        {
            return DeliveryOutcome.Retry("SMTP TLS handshake failed (certificate or protocol)");
        }
        catch (IOException)
        {
            return DeliveryOutcome.Retry("SMTP connection lost");
        }
    }

    private async Task<DeliveryOutcome> TransactAsync(SmtpSettings smtp, IReadOnlyList<string> recipients, string message, CancellationToken ct)
    {
        await using var connection = await SmtpConnection.OpenAsync(smtp.Host, smtp.Port, ct).ConfigureAwait(false);
        if (smtp.Security == SmtpSecurity.Tls)
        {
            await connection.StartTlsAsync(smtp.Host, certificateValidation, ct).ConfigureAwait(false);
        }

        Expect(await connection.ReadReplyAsync(ct).ConfigureAwait(false), 220, "greeting");
        var capabilities = await HelloAsync(connection, ct).ConfigureAwait(false);
        if (smtp.Security == SmtpSecurity.StartTls)
        {
            if (!capabilities.Contains("STARTTLS"))
            {
                throw SmtpFailure.Permanent("SMTP server does not offer STARTTLS; refusing to send in clear");
            }

            await connection.WriteLineAsync("STARTTLS", ct).ConfigureAwait(false);
            Expect(await connection.ReadReplyAsync(ct).ConfigureAwait(false), 220, "STARTTLS");
            await connection.StartTlsAsync(smtp.Host, certificateValidation, ct).ConfigureAwait(false);
            capabilities = await HelloAsync(connection, ct).ConfigureAwait(false);
        }

        if (smtp.UserName is not null)
        {
            await AuthenticateAsync(connection, capabilities, smtp.UserName, smtp.Password ?? string.Empty, ct).ConfigureAwait(false);
        }

        await connection.WriteLineAsync($"MAIL FROM:<{smtp.From}>", ct).ConfigureAwait(false);
        Expect(await connection.ReadReplyAsync(ct).ConfigureAwait(false), 250, "MAIL FROM");
        foreach (var recipient in recipients)
        {
            // Any refused recipient stops the send before DATA, so a retry never reaches someone twice.
            await connection.WriteLineAsync($"RCPT TO:<{recipient}>", ct).ConfigureAwait(false);
            Expect(await connection.ReadReplyAsync(ct).ConfigureAwait(false), 250, "RCPT TO");
        }

        await connection.WriteLineAsync("DATA", ct).ConfigureAwait(false);
        Expect(await connection.ReadReplyAsync(ct).ConfigureAwait(false), 354, "DATA");
        await connection.WriteAsync(DotStuff(message) + ".\r\n", ct).ConfigureAwait(false);
        var accepted = await connection.ReadReplyAsync(ct).ConfigureAwait(false);
        Expect(accepted, 250, "end of DATA");

        try
        {
            await connection.WriteLineAsync("QUIT", ct).ConfigureAwait(false);
            await connection.ReadReplyAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SmtpFailure or SocketException)
        {
            // The message was accepted; how the server says goodbye does not change that.
        }

        return DeliveryOutcome.Success($"SMTP 250: accepted for {recipients.Count} recipient(s)");
    }

    /// <summary>
    /// A line starting with "." gets a second one (RFC 5321 §4.5.2), so the message can never end the DATA early.
    /// <paramref name="message"/> ends with CRLF.
    /// </summary>
    public static string DotStuff(string message)
    {
        var stuffed = message.Replace("\r\n.", "\r\n..", StringComparison.Ordinal);
        return stuffed.StartsWith('.') ? "." + stuffed : stuffed;
    }

    private static async Task<HashSet<string>> HelloAsync(SmtpConnection connection, CancellationToken ct)
    {
        var name = connection.LocalAddressLiteral();
        await connection.WriteLineAsync($"EHLO {name}", ct).ConfigureAwait(false);
        var reply = await connection.ReadReplyAsync(ct).ConfigureAwait(false);
        if (reply.Code / 100 == 5)
        {
            // An old server without ESMTP: HELO works but offers no extension, so no STARTTLS and no AUTH.
            await connection.WriteLineAsync($"HELO {name}", ct).ConfigureAwait(false);
            Expect(await connection.ReadReplyAsync(ct).ConfigureAwait(false), 250, "HELO");
            return [];
        }

        Expect(reply, 250, "EHLO");
        var capabilities = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in reply.Lines.Skip(1))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }

            capabilities.Add(words[0]);
            if (string.Equals(words[0], "AUTH", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var mechanism in words.Skip(1))
                {
                    capabilities.Add("AUTH " + mechanism);
                }
            }
        }

        return capabilities;
    }

    private static async Task AuthenticateAsync(SmtpConnection connection, HashSet<string> capabilities, string userName, string password, CancellationToken ct)
    {
        // Credentials never travel in clear, whatever the server offers.
        if (!connection.IsEncrypted)
        {
            throw SmtpFailure.Permanent("SMTP credentials are sent only over TLS; set Security to StartTls or Tls");
        }

        if (capabilities.Contains("AUTH PLAIN"))
        {
            var plain = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{userName}\0{password}"));
            await connection.WriteLineAsync($"AUTH PLAIN {plain}", ct).ConfigureAwait(false);
        }
        else if (capabilities.Contains("AUTH LOGIN"))
        {
            await connection.WriteLineAsync("AUTH LOGIN", ct).ConfigureAwait(false);
            Expect(await connection.ReadReplyAsync(ct).ConfigureAwait(false), 334, "AUTH LOGIN");
            await connection.WriteLineAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(userName)), ct).ConfigureAwait(false);
            Expect(await connection.ReadReplyAsync(ct).ConfigureAwait(false), 334, "AUTH LOGIN");
            await connection.WriteLineAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(password)), ct).ConfigureAwait(false);
        }
        else
        {
            throw SmtpFailure.Permanent("SMTP server offers neither AUTH PLAIN nor AUTH LOGIN");
        }

        Expect(await connection.ReadReplyAsync(ct).ConfigureAwait(false), 235, "AUTH");
    }

    private static void Expect(SmtpReply reply, int expected, string stage)
    {
        if (reply.Code == expected || (expected == 250 && reply.Code == 251))
        {
            return;
        }

        var detail = reply.Describe(stage);
        throw reply.Code / 100 == 4 ? new SmtpFailure(DeliveryOutcome.Retry(detail)) : SmtpFailure.Permanent(detail);
    }
}
