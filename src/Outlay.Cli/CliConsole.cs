using Spectre.Console;

namespace Outlay.Cli;

/// <summary>
/// Where a command writes: a Spectre console for people, a plain writer for <c>--json</c>,
/// and a writer for errors. Tests pass their own.
/// </summary>
internal sealed class CliConsole
{
    public CliConsole(IAnsiConsole human, TextWriter json, TextWriter error)
    {
        Human = human;
        Json = json;
        Error = error;
    }

    public IAnsiConsole Human { get; }

    public TextWriter Json { get; }

    public TextWriter Error { get; }

    public static CliConsole FromProcess() =>
        new(AnsiConsole.Console, Console.Out, Console.Error);
}
