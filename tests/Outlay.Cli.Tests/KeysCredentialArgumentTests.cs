using System.Security.Cryptography;
using System.Text;

namespace Outlay.Cli.Tests;

/// <summary>
/// A credential pasted where <c>outlay keys</c> expects a name, label, project or key id is refused before it reaches
/// the store, and no output repeats it.
/// </summary>
public sealed class KeysCredentialArgumentTests
{
    public static TheoryData<string> Options => new() { "--name", "--project", "--environment" };

    [Theory]
    [MemberData(nameof(Options))]
    public async Task A_credential_given_to_keys_create_is_refused_and_never_stored_or_echoed(string option)
    {
        using var store = new TempStore();
        foreach (var canary in Canaries())
        {
            string[] args = option == "--project"
                ? ["keys", "create", "--store", store.Spec, "--kind", "ingest", "--project", canary]
                : ["keys", "create", "--store", store.Spec, "--kind", "ingest", "--project", "app", option, canary];

            var run = await CliRun.InvokeAsync(args);

            Assert.Equal(2, run.ExitCode);
            Assert.Contains(option + " looks like a credential", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain(canary, run.Error + run.Human + run.Json, StringComparison.Ordinal);
            Assert.False(StoreHolds(store, canary), option + " value reached the store");
        }
    }

    [Fact]
    public async Task A_credential_given_to_keys_revoke_is_refused_without_echoing_it()
    {
        using var store = new TempStore();
        Assert.Equal(0, (await CliRun.InvokeAsync("keys", "create", "--store", store.Spec, "--kind", "admin", "--project", "app")).ExitCode);
        foreach (var canary in Canaries())
        {
            var run = await CliRun.InvokeAsync("keys", "revoke", "--store", store.Spec, canary);

            Assert.Equal(2, run.ExitCode);
            Assert.DoesNotContain(canary, run.Error + run.Human + run.Json, StringComparison.Ordinal);
        }
    }

    // Generated per run, so no credential-shaped literal sits in the repository for scanners to flag.
    private static IEnumerable<string> Canaries()
    {
        yield return "sk-proj-" + Random(48);
        yield return "ghp_" + Random(36);
        yield return "AKIA" + Random(16).ToUpperInvariant();
        yield return "xoxb-" + Digits(12) + "-" + Digits(13) + "-" + Random(24);
    }

    private static string Random(int length) => RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", length);

    private static string Digits(int length) => RandomNumberGenerator.GetString("0123456789", length);

    private static bool StoreHolds(TempStore store, string canary)
    {
        var needle = Encoding.UTF8.GetBytes(canary);
        return Directory.Exists(store.Folder)
            && Directory.EnumerateFiles(store.Folder).Any(f => File.ReadAllBytes(f).AsSpan().IndexOf(needle) >= 0);
    }
}
