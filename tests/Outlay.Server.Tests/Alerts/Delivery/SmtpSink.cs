using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Outlay.Server.Tests.Alerts.Delivery;

/// <summary>
/// A local SMTP server for tests on 127.0.0.1 and a free port: records commands, the envelope and the raw DATA, can
/// offer STARTTLS or speak implicit TLS with a self-signed certificate, and answers chosen verbs with chosen replies.
/// </summary>
internal sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;
    private int connections;

    public SmtpSink()
    {
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>The sink's own self-signed certificate for 127.0.0.1 and localhost.</summary>
    public X509Certificate2 Certificate { get; } = CreateCertificate();

    public bool OfferStartTls { get; init; }

    public bool ImplicitTls { get; init; }

    /// <summary>AUTH mechanisms advertised, e.g. "PLAIN LOGIN"; null advertises none.</summary>
    public string? AuthMechanisms { get; init; }

    public bool RejectEhlo { get; init; }

    /// <summary>Sends no greeting at all, to make the client time out.</summary>
    public bool Silent { get; init; }

    /// <summary>Replies replacing the normal one, by verb: GREETING, MAIL, RCPT, DATA, END (after the final dot).</summary>
    public Dictionary<string, string> Replies { get; init; } = [];

    public int Connections => connections;

    public ConcurrentQueue<SinkCommand> Commands { get; } = new();

    /// <summary>User names that authenticated, with the password, as decoded by the sink.</summary>
    public ConcurrentQueue<(string User, string Password, bool OverTls)> Logins { get; } = new();

    /// <summary>Each DATA exactly as received, dot-stuffing included, lines joined with CRLF.</summary>
    public ConcurrentQueue<string> RawMessages { get; } = new();

    /// <summary>Accepts only the sink's own certificate: the test-only hook a client must be given explicitly.</summary>
    public bool AcceptOwnCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        certificate is not null && certificate.GetCertHashString() == Certificate.GetCertHashString();

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        Certificate.Dispose();
        stop.Dispose();
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=outlay-test-smtp", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            Interlocked.Increment(ref connections);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await ConverseAsync(client.GetStream(), stop.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or System.Security.Authentication.AuthenticationException or ObjectDisposedException)
            {
                // The client hung up or refused our certificate; what was recorded stays.
            }
        }
    }

    private async Task ConverseAsync(Stream network, CancellationToken ct)
    {
        var stream = network;
        var tls = false;
        if (ImplicitTls)
        {
            stream = await ServerTlsAsync(network, ct);
            tls = true;
        }

        if (Silent)
        {
            await Task.Delay(Timeout.Infinite, ct);
        }

        await WriteAsync(stream, Replies.GetValueOrDefault("GREETING", "220 sink ESMTP ready"), ct);
        while (true)
        {
            var line = await ReadLineAsync(stream, ct);
            if (line is null)
            {
                return;
            }

            Commands.Enqueue(new SinkCommand(line, tls));
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    if (RejectEhlo)
                    {
                        await WriteAsync(stream, "502 5.5.1 EHLO not supported", ct);
                        break;
                    }

                    var lines = new List<string> { "sink" };
                    if (OfferStartTls && !tls)
                    {
                        lines.Add("STARTTLS");
                    }

                    if (AuthMechanisms is not null)
                    {
                        lines.Add("AUTH " + AuthMechanisms);
                    }

                    lines.Add("8BITMIME");
                    await WriteAsync(stream, string.Join("\r\n", lines.Select((l, i) => (i == lines.Count - 1 ? "250 " : "250-") + l)), ct);
                    break;
                case "HELO":
                    await WriteAsync(stream, "250 sink", ct);
                    break;
                case "STARTTLS":
                    await WriteAsync(stream, "220 2.0.0 ready to start TLS", ct);
                    stream = await ServerTlsAsync(network, ct);
                    tls = true;
                    break;
                case "AUTH":
                    await AuthAsync(stream, line, tls, ct);
                    break;
                case "MAIL":
                    await WriteAsync(stream, Replies.GetValueOrDefault("MAIL", "250 2.1.0 ok"), ct);
                    break;
                case "RCPT":
                    await WriteAsync(stream, Replies.GetValueOrDefault("RCPT", "250 2.1.5 ok"), ct);
                    break;
                case "DATA":
                    var reply = Replies.GetValueOrDefault("DATA", "354 end with <CRLF>.<CRLF>");
                    await WriteAsync(stream, reply, ct);
                    if (reply.StartsWith("354", StringComparison.Ordinal))
                    {
                        var data = new List<string>();
                        while (await ReadLineAsync(stream, ct) is { } dataLine && dataLine != ".")
                        {
                            data.Add(dataLine);
                        }

                        RawMessages.Enqueue(string.Join("\r\n", data));
                        await WriteAsync(stream, Replies.GetValueOrDefault("END", "250 2.0.0 queued"), ct);
                    }

                    break;
                case "QUIT":
                    await WriteAsync(stream, "221 2.0.0 bye", ct);
                    return;
                default:
                    await WriteAsync(stream, "250 ok", ct);
                    break;
            }
        }
    }

    private async Task AuthAsync(Stream stream, string line, bool tls, CancellationToken ct)
    {
        var parts = line.Split(' ');
        if (parts.Length == 3 && parts[1].Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
        {
            var fields = Encoding.UTF8.GetString(Convert.FromBase64String(parts[2])).Split('\0');
            Logins.Enqueue((fields[1], fields[2], tls));
        }
        else if (parts.Length == 2 && parts[1].Equals("LOGIN", StringComparison.OrdinalIgnoreCase))
        {
            await WriteAsync(stream, "334 VXNlcm5hbWU6", ct);
            var user = Encoding.UTF8.GetString(Convert.FromBase64String(await ReadLineAsync(stream, ct) ?? string.Empty));
            await WriteAsync(stream, "334 UGFzc3dvcmQ6", ct);
            var password = Encoding.UTF8.GetString(Convert.FromBase64String(await ReadLineAsync(stream, ct) ?? string.Empty));
            Logins.Enqueue((user, password, tls));
        }
        else
        {
            await WriteAsync(stream, "504 5.5.4 unrecognised mechanism", ct);
            return;
        }

        await WriteAsync(stream, "235 2.7.0 authenticated", ct);
    }

    private async Task<Stream> ServerTlsAsync(Stream network, CancellationToken ct)
    {
        var tls = new SslStream(network, leaveInnerStreamOpen: true);
        await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = Certificate }, ct);
        return tls;
    }

    private static Task WriteAsync(Stream stream, string reply, CancellationToken ct) =>
        stream.WriteAsync(Encoding.UTF8.GetBytes(reply + "\r\n"), ct).AsTask();

    // Byte by byte, so nothing is read past a line: after STARTTLS the rest belongs to the TLS stream.
    private static async Task<string?> ReadLineAsync(Stream stream, CancellationToken ct)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one, ct) == 0)
            {
                return bytes.Count == 0 ? null : Encoding.UTF8.GetString([.. bytes]);
            }

            if (one[0] == '\n')
            {
                if (bytes.Count > 0 && bytes[^1] == '\r')
                {
                    bytes.RemoveAt(bytes.Count - 1);
                }

                return Encoding.UTF8.GetString([.. bytes]);
            }

            bytes.Add(one[0]);
        }
    }
}
