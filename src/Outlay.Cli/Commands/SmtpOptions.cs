using System.CommandLine;
using Outlay.Server;

namespace Outlay.Cli.Commands;

/// <summary>
/// The <c>--smtp-*</c> options of <c>outlay serve</c>. The password is read only from <c>OUTLAY_SMTP_PASSWORD</c>:
/// a command line is visible to every user of the machine through the process list.
/// </summary>
internal sealed class SmtpOptions
{
    public const string PasswordVariable = "OUTLAY_SMTP_PASSWORD";

    private readonly Option<string?> _host = new("--smtp-host") { Description = "SMTP server for email alert channels. Default: none (email channels report 'SMTP not configured')." };
    private readonly Option<int> _port = new("--smtp-port") { Description = "SMTP port. Default 587.", DefaultValueFactory = _ => 587 };
    private readonly Option<string> _security = new("--smtp-security") { Description = "starttls (default), tls (implicit, port 465) or none (a local relay only).", DefaultValueFactory = _ => "starttls" };
    private readonly Option<string?> _from = new("--smtp-from") { Description = "Sender address of alert emails. Required with --smtp-host." };
    private readonly Option<string?> _user = new("--smtp-user") { Description = "SMTP user name; the password comes from " + PasswordVariable + "." };

    public static SmtpOptions Create() => new();

    public void AddTo(Command command)
    {
        command.Options.Add(_host);
        command.Options.Add(_port);
        command.Options.Add(_security);
        command.Options.Add(_from);
        command.Options.Add(_user);
    }

    /// <summary>The settings, or null when no host is given.</summary>
    /// <exception cref="CliUsageException">A missing sender, a bad port or an unknown security mode.</exception>
    public SmtpSettings? Read(ParseResult parse)
    {
        var host = parse.GetValue(_host);
        if (string.IsNullOrWhiteSpace(host))
        {
            return null;
        }

        var from = parse.GetValue(_from);
        if (string.IsNullOrWhiteSpace(from))
        {
            throw new CliUsageException("--smtp-from is required with --smtp-host.");
        }

        var port = parse.GetValue(_port);
        if (port is < 1 or > 65535)
        {
            throw new CliUsageException($"--smtp-port must be between 1 and 65535 (got {port}).");
        }

        var security = parse.GetValue(_security)?.ToLowerInvariant() switch
        {
            "starttls" => SmtpSecurity.StartTls,
            "tls" => SmtpSecurity.Tls,
            "none" => SmtpSecurity.None,
            var other => throw new CliUsageException($"--smtp-security must be starttls, tls or none (got '{other}')."),
        };
        var user = parse.GetValue(_user);
        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (!string.IsNullOrEmpty(user) && string.IsNullOrEmpty(password))
        {
            throw new CliUsageException($"--smtp-user needs the password in {PasswordVariable}.");
        }

        return new SmtpSettings
        {
            Host = host,
            Port = port,
            Security = security,
            From = from,
            UserName = string.IsNullOrEmpty(user) ? null : user,
            Password = string.IsNullOrEmpty(user) ? null : password,
        };
    }
}
