using System.Text;
using System.Text.RegularExpressions;
using Outlay.Core.Alerts;
using Outlay.Server.Alerts.Delivery;
using Outlay.Server.Alerts.Delivery.Email;

namespace Outlay.Server.Tests.Alerts.Delivery;

/// <summary>The SMTP client against a local sink on real sockets, with and without TLS.</summary>
public sealed class SmtpDeliveryTests
{
    private static readonly string[] Recipients = ["ops@example.com", "finance@example.org"];

    [Fact]
    public async Task Starttls_then_auth_plain_then_envelope_and_a_dot_stuffed_message()
    {
        await using var sink = new SmtpSink { OfferStartTls = true, AuthMechanisms = "PLAIN LOGIN" };
        using var sender = Sender(sink, SmtpSecurity.StartTls, user: "alerts", password: "pa ss:wörd", acceptTestCertificate: true);
        var notice = TestNotices.Budget(title: "Budget für Café ≥ 80 %", summary: "First line\n.\n.hidden line\n..two dots", link: new Uri("https://outlay.example/b/1"));

        var outcome = await SendEmailAsync(sender, notice);

        Assert.Equal(DeliveryOutcome.Success("SMTP 250: accepted for 2 recipient(s)"), outcome);
        var commands = sink.Commands.ToArray();
        var startTls = Array.FindIndex(commands, c => c.Line == "STARTTLS");
        Assert.True(startTls > 0);
        Assert.All(commands[..startTls], c => Assert.DoesNotMatch("^(AUTH|MAIL|RCPT|DATA)", c.Line));
        Assert.All(commands[(startTls + 1)..], c => Assert.True(c.OverTls, c.Line));
        Assert.Equal(("alerts", "pa ss:wörd", true), Assert.Single(sink.Logins));
        Assert.Contains(commands, c => c.Line == "MAIL FROM:<outlay@example.net>");
        Assert.Equal(["RCPT TO:<ops@example.com>", "RCPT TO:<finance@example.org>"], commands.Where(c => c.Line.StartsWith("RCPT", StringComparison.Ordinal)).Select(c => c.Line));

        var raw = Assert.Single(sink.RawMessages);
        var (headers, body) = Split(raw);
        Assert.Contains("\r\n..\r\n", body, StringComparison.Ordinal);
        Assert.Contains("\r\n..hidden line\r\n", body, StringComparison.Ordinal);
        Assert.Contains("\r\n...two dots\r\n", body, StringComparison.Ordinal);
        var decoded = DecodeQuotedPrintable(Unstuff(body));
        Assert.Contains("First line\r\n.\r\n.hidden line\r\n..two dots\r\n", decoded, StringComparison.Ordinal);
        Assert.Contains("Link: https://outlay.example/b/1", decoded, StringComparison.Ordinal);
        Assert.Contains("Budget für Café ≥ 80 %", decoded, StringComparison.Ordinal);

        Assert.Equal("Budget für Café ≥ 80 %", DecodeEncodedWords(Header(headers, "Subject")));
        Assert.Equal("outlay@example.net", Header(headers, "From"));
        Assert.Equal("ops@example.com, finance@example.org", Regex.Replace(Header(headers, "To"), @"\r\n\s+", " "));
        Assert.Matches(@"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$", Header(headers, "Date"));
        Assert.Matches("^<[0-9a-f]{32}@example.net>$", Header(headers, "Message-ID"));
        Assert.Equal("1.0", Header(headers, "MIME-Version"));
        Assert.Equal("text/plain; charset=utf-8", Header(headers, "Content-Type"));
        Assert.Equal("quoted-printable", Header(headers, "Content-Transfer-Encoding"));
        Assert.All(raw.Split("\r\n"), line => Assert.True(line.Length <= 998));
        Assert.All(raw.ToCharArray(), c => Assert.True(c < 128, "the message is 7-bit"));
    }

    [Fact]
    public async Task Implicit_tls_with_auth_login_when_plain_is_not_offered()
    {
        await using var sink = new SmtpSink { ImplicitTls = true, AuthMechanisms = "LOGIN" };
        using var sender = Sender(sink, SmtpSecurity.Tls, user: "alerts", password: "secret", acceptTestCertificate: true);

        var outcome = await SendEmailAsync(sender, TestNotices.Budget());

        Assert.True(outcome.Delivered, outcome.Detail);
        Assert.Equal(("alerts", "secret", true), Assert.Single(sink.Logins));
        Assert.All(sink.Commands, c => Assert.True(c.OverTls));
    }

    [Fact]
    public async Task A_self_signed_certificate_is_refused_by_default_before_any_credential_or_envelope()
    {
        await using var sink = new SmtpSink { OfferStartTls = true, AuthMechanisms = "PLAIN" };
        using var sender = Sender(sink, SmtpSecurity.StartTls, user: "alerts", password: "secret", acceptTestCertificate: false);

        var outcome = await SendEmailAsync(sender, TestNotices.Budget());

        Assert.Equal(DeliveryOutcome.Retry("SMTP TLS handshake failed (certificate or protocol)"), outcome);
        Assert.Empty(sink.Logins);
        Assert.DoesNotContain(sink.Commands, c => c.Line.StartsWith("MAIL", StringComparison.Ordinal) || c.Line.StartsWith("AUTH", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Starttls_required_but_not_offered_stops_before_auth_and_envelope()
    {
        await using var sink = new SmtpSink { OfferStartTls = false, AuthMechanisms = "PLAIN" };
        using var sender = Sender(sink, SmtpSecurity.StartTls, user: "alerts", password: "secret", acceptTestCertificate: true);

        var outcome = await SendEmailAsync(sender, TestNotices.Budget());

        Assert.Equal(DeliveryOutcome.Permanent("SMTP server does not offer STARTTLS; refusing to send in clear"), outcome);
        Assert.Empty(sink.Logins);
        Assert.DoesNotContain(sink.Commands, c => c.Line.StartsWith("MAIL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Credentials_are_never_sent_without_tls_even_when_the_server_offers_auth()
    {
        await using var sink = new SmtpSink { AuthMechanisms = "PLAIN LOGIN" };
        using var sender = Sender(sink, SmtpSecurity.None, user: "alerts", password: "secret", acceptTestCertificate: false);

        var outcome = await SendEmailAsync(sender, TestNotices.Budget());

        Assert.False(outcome.Delivered);
        Assert.False(outcome.Retryable);
        Assert.Empty(sink.Logins);
        Assert.DoesNotContain(sink.Commands, c => c.Line.StartsWith("AUTH", StringComparison.Ordinal) || c.Line.StartsWith("MAIL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_plain_relay_without_credentials_and_without_ehlo_gets_helo_and_the_message()
    {
        await using var sink = new SmtpSink { RejectEhlo = true };
        using var sender = Sender(sink, SmtpSecurity.None, user: null, password: null, acceptTestCertificate: false);

        var outcome = await SendEmailAsync(sender, TestNotices.Budget());

        Assert.True(outcome.Delivered, outcome.Detail);
        Assert.Contains(sink.Commands, c => c.Line.StartsWith("HELO [127.0.0.1]", StringComparison.Ordinal));
        Assert.Single(sink.RawMessages);
    }

    [Theory]
    [InlineData("MAIL", "451 4.3.0 mailbox busy, try later", true, "SMTP 451 4.3.0 at MAIL FROM")]
    [InlineData("RCPT", "452 4.2.2 over quota", true, "SMTP 452 4.2.2 at RCPT TO")]
    [InlineData("RCPT", "550 5.1.1 <ops@example.com>: no such user", false, "SMTP 550 5.1.1 at RCPT TO")]
    [InlineData("MAIL", "553 sender not allowed", false, "SMTP 553 at MAIL FROM")]
    [InlineData("END", "554 5.7.1 rejected as spam", false, "SMTP 554 5.7.1 at end of DATA")]
    [InlineData("GREETING", "421 4.7.0 too busy", true, "SMTP 421 4.7.0 at greeting")]
    public async Task Replies_4xx_are_retryable_5xx_permanent_and_the_detail_names_no_address(string verb, string reply, bool retryable, string detail)
    {
        await using var sink = new SmtpSink { Replies = new() { [verb] = reply } };
        using var sender = Sender(sink, SmtpSecurity.None, user: null, password: null, acceptTestCertificate: false);

        var outcome = await SendEmailAsync(sender, TestNotices.Budget());

        Assert.Equal(new DeliveryOutcome(false, retryable, detail), outcome);
        if (verb is "MAIL" or "RCPT")
        {
            Assert.DoesNotContain(sink.Commands, c => c.Line == "DATA");
        }
    }

    [Theory]
    [InlineData("Budget hit\r\nBcc: victim@example.com")]
    [InlineData("Budget hit\nBcc: victim@example.com")]
    [InlineData("Budget hit\rX-Evil: 1")]
    public async Task A_line_break_in_a_header_value_is_refused_before_connecting(string title)
    {
        await using var sink = new SmtpSink();
        using var sender = Sender(sink, SmtpSecurity.None, user: null, password: null, acceptTestCertificate: false);

        var outcome = await SendEmailAsync(sender, TestNotices.Budget(title: title));

        Assert.Equal(DeliveryOutcome.Permanent("refused: the Subject header value contains a line break or control character"), outcome);
        Assert.Equal(0, sink.Connections);
    }

    [Theory]
    [InlineData("ops@example.com\r\nRCPT TO:<victim@example.com>")]
    [InlineData("ops@example.com>")]
    [InlineData("Ops <ops@example.com>")]
    [InlineData("no-at-sign")]
    public async Task A_recipient_that_is_not_a_plain_address_is_refused_before_connecting(string recipient)
    {
        await using var sink = new SmtpSink();
        using var sender = Sender(sink, SmtpSecurity.None, user: null, password: null, acceptTestCertificate: false);

        var outcome = await sender.SendAsync(AlertChannelKind.Email, new AlertChannelConfig(null, null, [recipient]), TestNotices.Budget(), TestContext.Current.CancellationToken);

        Assert.False(outcome.Retryable);
        Assert.DoesNotContain("example.com", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(0, sink.Connections);
    }

    [Fact]
    public async Task Without_smtp_settings_email_is_permanently_not_configured()
    {
        using var sender = TestNotices.Sender();

        var outcome = await SendEmailAsync(sender, TestNotices.Budget());

        Assert.Equal(DeliveryOutcome.Permanent("SMTP not configured"), outcome);
    }

    [Fact]
    public async Task A_server_that_never_greets_is_a_retryable_timeout()
    {
        await using var sink = new SmtpSink { Silent = true };
        using var sender = Sender(sink, SmtpSecurity.None, user: null, password: null, acceptTestCertificate: false, timeout: TimeSpan.FromMilliseconds(500));

        var outcome = await SendEmailAsync(sender, TestNotices.Budget());

        Assert.Equal(DeliveryOutcome.Retry("SMTP timed out"), outcome);
    }

    [Fact]
    public void Dot_stuffing_doubles_every_leading_dot_including_the_first_line()
    {
        Assert.Equal("..a\r\nb\r\n..\r\n...c\r\n", SmtpEmailSender.DotStuff(".a\r\nb\r\n.\r\n..c\r\n"));
    }

    private static AlertChannelSender Sender(SmtpSink sink, SmtpSecurity security, string? user, string? password, bool acceptTestCertificate, TimeSpan? timeout = null) =>
        TestNotices.Sender(
            o => o.Smtp = new SmtpSettings
            {
                Host = "127.0.0.1",
                Port = sink.Port,
                Security = security,
                From = "outlay@example.net",
                UserName = user,
                Password = password,
                Timeout = timeout ?? TimeSpan.FromSeconds(30),
            },
            smtpCertificateValidation: acceptTestCertificate ? sink.AcceptOwnCertificate : null);

    private static Task<DeliveryOutcome> SendEmailAsync(AlertChannelSender sender, AlertNotice notice) =>
        sender.SendAsync(AlertChannelKind.Email, new AlertChannelConfig(null, null, Recipients), notice, TestContext.Current.CancellationToken);

    private static (string Headers, string Body) Split(string raw)
    {
        var blank = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (raw[..blank], raw[(blank + 4)..] + "\r\n");
    }

    private static string Header(string headers, string name)
    {
        var match = Regex.Match(headers, $@"(?:^|\r\n){Regex.Escape(name)}: ([^\r\n]*(?:\r\n[ \t][^\r\n]*)*)");
        Assert.True(match.Success, name);
        return match.Groups[1].Value;
    }

    private static string Unstuff(string text) => Regex.Replace(text, @"(^|\r\n)\.", "$1");

    private static string DecodeQuotedPrintable(string text)
    {
        var joined = text.Replace("=\r\n", string.Empty, StringComparison.Ordinal);
        var bytes = new List<byte>();
        for (var i = 0; i < joined.Length; i++)
        {
            if (joined[i] == '=')
            {
                bytes.Add(Convert.ToByte(joined.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add((byte)joined[i]);
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static string DecodeEncodedWords(string value)
    {
        var words = Regex.Matches(value, @"=\?utf-8\?B\?([A-Za-z0-9+/=]+)\?=");
        Assert.NotEmpty(words);
        return Encoding.UTF8.GetString(words.SelectMany(w => Convert.FromBase64String(w.Groups[1].Value)).ToArray());
    }
}
