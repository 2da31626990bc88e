using System.CommandLine;
using Outlay.Cli.Commands;
using Outlay.Cli.Stores;
using Outlay.Core.Pricing;
using Outlay.Core.Providers;
using Outlay.Core.Querying;
using Outlay.Core.Security;

namespace Outlay.Cli;

/// <summary>The <c>outlay</c> command tree. Exit codes: 0 success, 1 failure, 2 bad usage or input.</summary>
internal static class CliApplication
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("Outlay: passive AI spend monitor. Reports what each model, feature, customer, service and environment costs.")
        {
            ServeCommand.Create(console),
            DemoCommand.Create(console),
            KeysCommand.Create(console),
            BudgetsCommand.Create(console),
            AlertsCommand.Create(console),
            FindingsCommand.Create(console),
            ReportCommand.Create(console),
            CostCommand.Create(console),
            PricesCommand.Create(console),
            ImportCommand.Create(console),
            ReconcileCommand.Create(console),
            StoreCommand.Create(console),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Bad usage is exit 2, as documented; a parser message quotes the token it refused, so it is redacted.
            foreach (var error in parse.Errors)
            {
                await console.Error.WriteLineAsync("error: " + SecretRedactor.Redact(error.Message)).ConfigureAwait(false);
            }

            await console.Error.WriteLineAsync("See 'outlay --help' or 'outlay COMMAND --help'.").ConfigureAwait(false);
            return UsageError;
        }

        var configuration = new InvocationConfiguration { Output = console.Json, Error = console.Error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUserError(ex))
        {
            // Our own usage messages never quote a value; others (a parser's, a store's) may quote the value they refused,
            // and that value may be a credential pasted by mistake.
            var message = ex is CliUsageException or StoreLocationException ? ex.Message : SecretRedactor.Redact(ex.Message);
            await console.Error.WriteLineAsync("error: " + message).ConfigureAwait(false);
            return UsageError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Failure;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or HttpRequestException or InvalidOperationException or System.Data.Common.DbException)
        {
            // Expected operational failures (a locked file, a refused connection, a read-only database) get one line, not a
            // stack trace and an abort.
            await console.Error.WriteLineAsync("error: " + SecretRedactor.Redact(ex.Message)).ConfigureAwait(false);
            return Failure;
        }
    }

    private static bool IsUserError(Exception ex) =>
        ex is StoreLocationException or SpendQueryException or ProviderResponseException
            or PricingDataException or CliUsageException or FileNotFoundException or DirectoryNotFoundException
            or ArgumentException; // a value the store or a parser refused (a project name too long): one line, not a crash
}
