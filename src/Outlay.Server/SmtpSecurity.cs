namespace Outlay.Server;

/// <summary>How an SMTP connection is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain connection upgraded with <c>STARTTLS</c>; refuses to send if the server does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    Tls,

    /// <summary>No encryption: only for a relay on the same host or a test sink.</summary>
    None,
}
