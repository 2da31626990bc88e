using Spectre.Console;

namespace Outlay.Cli.Tests;

/// <summary>Runs the real command tree in-process and captures what a person and a script would see.</summary>
internal sealed record CliRun(int ExitCode, string Human, string Json, string Error)
{
    public static async Task<CliRun> InvokeAsync(params string[] args)
    {
        var human = new StringWriter();
        var json = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(human),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        var exit = await CliApplication.RunAsync(args, new CliConsole(console, json, error), TestContext.Current.CancellationToken);
        return new CliRun(exit, human.ToString(), json.ToString(), error.ToString());
    }
}
