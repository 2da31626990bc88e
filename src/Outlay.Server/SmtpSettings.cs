namespace Outlay.Server;

/// <summary>The SMTP server that email alert channels send through.</summary>
public sealed class SmtpSettings
{
    /// <summary>Host name or address of the SMTP server. Required.</summary>
    public string Host { get; set; } = string.Empty;

    /// <summary>TCP port. Default 587 (submission with STARTTLS).</summary>
    public int Port { get; set; } = 587;

    /// <summary>How the connection is protected. Default <see cref="SmtpSecurity.StartTls"/>, required by the server.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Sender address put in <c>MAIL FROM</c> and <c>From:</c>. Required.</summary>
    public string From { get; set; } = string.Empty;

    /// <summary>User name for <c>AUTH</c>; default null sends no authentication.</summary>
    public string? UserName { get; set; }

    /// <summary>Password for <c>AUTH</c>. Default null. Give it through <c>OUTLAY_SMTP_PASSWORD</c>, never on a command line.</summary>
    public string? Password { get; set; }

    /// <summary>Time allowed for one whole send (connect to QUIT). Default 30 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
