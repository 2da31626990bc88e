using Outlay.Core.Security;

namespace Outlay.Cli.Commands;

/// <summary>
/// Refuses a command-line value that looks like a credential where a name or label belongs (a key pasted into
/// <c>--name</c> by mistake), before it reaches the store; the error names the option and the format, never the value.
/// </summary>
internal static class CredentialShapedArgument
{
    /// <summary>Throws a usage error when <paramref name="value"/> looks like a credential.</summary>
    /// <exception cref="CliUsageException">It does.</exception>
    public static void Refuse(string option, string? value)
    {
        if (SecretDetector.DetectFormat(value) is { } format)
        {
            throw new CliUsageException($"{option} looks like a credential ({format}); Outlay keeps no credentials, so give a name or label instead.");
        }
    }

    /// <summary>Throws a usage error when any of <paramref name="values"/> looks like a credential.</summary>
    /// <exception cref="CliUsageException">One does.</exception>
    public static void Refuse(string option, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            Refuse(option, value);
        }
    }
}
