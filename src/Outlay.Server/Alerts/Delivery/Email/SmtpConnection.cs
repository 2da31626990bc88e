using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Outlay.Server.Alerts.Delivery.Email;

/// <summary>
/// One SMTP conversation's wire: CRLF commands out, multi-line replies in, and the switch to TLS. Holds the socket
/// and whichever stream is current.
/// </summary>
internal sealed class SmtpConnection : IAsyncDisposable
{
    /// <summary>Longest reply line read. 2,048 bytes (RFC 5321 allows 512).</summary>
    public const int MaxLineBytes = 2048;

    /// <summary>Most lines in one reply. 100.</summary>
    public const int MaxReplyLines = 100;

    private readonly Socket socket;
    private readonly byte[] buffer = new byte[MaxLineBytes * 2];
    private Stream stream;
    private int start;
    private int end;

    private SmtpConnection(Socket socket)
    {
        this.socket = socket;
        stream = new NetworkStream(socket, ownsSocket: false);
    }

    /// <summary>True once the stream is TLS.</summary>
    public bool IsEncrypted { get; private set; }

    /// <summary>Opens a TCP connection to <paramref name="host"/>.</summary>
    public static async Task<SmtpConnection> OpenAsync(string host, int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
            return new SmtpConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The local address as an RFC 5321 address literal, for EHLO.</summary>
    public string LocalAddressLiteral() => socket.LocalEndPoint is System.Net.IPEndPoint { Address: var address }
        ? (address.IsIPv4MappedToIPv6 ? $"[{address.MapToIPv4()}]" : address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[IPv6:{address}]" : $"[{address}]")
        : "[127.0.0.1]";

    /// <summary>
    /// Wraps the connection in TLS. Refuses when the server already sent bytes past the STARTTLS reply: they arrived
    /// in clear and would otherwise be read as if protected (STARTTLS command injection).
    /// </summary>
    public async Task StartTlsAsync(string targetHost, RemoteCertificateValidationCallback? certificateValidation, CancellationToken cancellationToken)
    {
        if (start != end)
        {
            throw SmtpFailure.Permanent("SMTP server sent data before the TLS handshake");
        }

        var tls = new SslStream(stream, leaveInnerStreamOpen: false, certificateValidation);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = targetHost }, cancellationToken).ConfigureAwait(false);
        stream = tls;
        IsEncrypted = true;
    }

    /// <summary>Sends one command line (CRLF added).</summary>
    public Task WriteLineAsync(string line, CancellationToken cancellationToken) =>
        WriteAsync(line + "\r\n", cancellationToken);

    /// <summary>Sends text as is.</summary>
    public async Task WriteAsync(string text, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads one reply, all its <c>NNN-</c> lines up to the <c>NNN </c> one.</summary>
    public async Task<SmtpReply> ReadReplyAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        while (lines.Count < MaxReplyLines)
        {
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line.Length < 3 || !int.TryParse(line.AsSpan(0, 3), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) || code < 200 || code > 599)
            {
                throw SmtpFailure.Permanent("SMTP server sent a malformed reply");
            }

            lines.Add(line.Length > 4 ? line[4..] : string.Empty);
            if (line.Length == 3 || line[3] == ' ')
            {
                return new SmtpReply(code, lines);
            }

            if (line[3] != '-')
            {
                throw SmtpFailure.Permanent("SMTP server sent a malformed reply");
            }
        }

        throw SmtpFailure.Permanent($"SMTP reply longer than {MaxReplyLines} lines");
    }

    public async ValueTask DisposeAsync()
    {
        await stream.DisposeAsync().ConfigureAwait(false);
        socket.Dispose();
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
            if (newline >= 0)
            {
                var length = newline - start;
                if (length > 0 && buffer[newline - 1] == '\r')
                {
                    length--;
                }

                var line = Encoding.UTF8.GetString(buffer, start, length);
                start = newline + 1;
                return line;
            }

            if (end - start >= MaxLineBytes)
            {
                throw SmtpFailure.Permanent($"SMTP reply line longer than {MaxLineBytes} bytes");
            }

            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }

            var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("The SMTP server closed the connection.");
            }

            end += read;
        }
    }
}
