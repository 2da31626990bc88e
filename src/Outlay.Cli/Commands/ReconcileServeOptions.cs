using System.CommandLine;
using Outlay.Server;

namespace Outlay.Cli.Commands;

/// <summary>
/// <c>outlay serve</c>'s provider usage pull options. The admin keys themselves are never options (a command line is
/// visible to every user of the host): only OUTLAY_OPENAI_ADMIN_KEY / OUTLAY_ANTHROPIC_ADMIN_KEY or an owner-only file.
/// </summary>
internal sealed class ReconcileServeOptions
{
    private readonly Option<FileInfo?> _openAIKeyFile = new("--openai-admin-key-file")
    {
        Description = "File holding the OpenAI admin key for the usage pull (must not be readable by group or others). OUTLAY_OPENAI_ADMIN_KEY overrides. Turns the pull on.",
    };

    private readonly Option<FileInfo?> _anthropicKeyFile = new("--anthropic-admin-key-file")
    {
        Description = "File holding the Anthropic admin key for the usage pull (must not be readable by group or others). OUTLAY_ANTHROPIC_ADMIN_KEY overrides. Turns the pull on.",
    };

    private readonly Option<string?> _openAIBaseUrl = new("--openai-admin-base-url")
    {
        Description = "OpenAI admin API address. Default: https://api.openai.com (https required except to loopback).",
    };

    private readonly Option<string?> _anthropicBaseUrl = new("--anthropic-admin-base-url")
    {
        Description = "Anthropic admin API address. Default: https://api.anthropic.com (https required except to loopback).",
    };

    private readonly Option<string?> _project = new("--reconcile-project")
    {
        Description = "The Outlay project pulled provider usage is reconciled with. Required when an admin key is set.",
    };

    public static ReconcileServeOptions Create() => new();

    public void AddTo(Command command)
    {
        command.Options.Add(_openAIKeyFile);
        command.Options.Add(_anthropicKeyFile);
        command.Options.Add(_openAIBaseUrl);
        command.Options.Add(_anthropicBaseUrl);
        command.Options.Add(_project);
    }

    public void Apply(ParseResult parse, OutlayServerOptions options)
    {
        options.OpenAIAdminKeyPath = parse.GetValue(_openAIKeyFile)?.FullName;
        options.AnthropicAdminKeyPath = parse.GetValue(_anthropicKeyFile)?.FullName;
        options.ReconcileProject = parse.GetValue(_project);
        if (parse.GetValue(_openAIBaseUrl) is { } openAI)
        {
            options.OpenAIAdminBaseUrl = ParseUrl(openAI, "--openai-admin-base-url");
        }

        if (parse.GetValue(_anthropicBaseUrl) is { } anthropic)
        {
            options.AnthropicAdminBaseUrl = ParseUrl(anthropic, "--anthropic-admin-base-url");
        }
    }

    private static Uri ParseUrl(string text, string option) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri)
            ? uri
            : throw new CliUsageException($"{option} must be an absolute https address such as https://api.openai.com.");
}
