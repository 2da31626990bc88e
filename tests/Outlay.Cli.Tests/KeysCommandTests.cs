using System.Text.Json;
using Outlay.Core.Keys;

namespace Outlay.Cli.Tests;

public sealed class KeysCommandTests
{
    [Fact]
    public async Task Create_prints_the_key_once_and_list_never_shows_it()
    {
        using var store = new TempStore();
        var created = await CliRun.InvokeAsync("keys", "create", "--store", store.Spec, "--kind", "ingest", "--project", "shop", "--environment", "prod", "--json");
        Assert.Equal(0, created.ExitCode);
        using var createdJson = JsonDocument.Parse(created.Json);
        var key = createdJson.RootElement.GetProperty("key").GetString()!;
        Assert.True(ApiKeyText.TryParse(key, out var kind, out var keyId));
        Assert.Equal(ApiKeyKind.Ingest, kind);

        var listed = await CliRun.InvokeAsync("keys", "list", "--store", store.Spec, "--project", "shop", "--json");
        Assert.Equal(0, listed.ExitCode);
        Assert.DoesNotContain(key, listed.Json, StringComparison.Ordinal);
        using var listJson = JsonDocument.Parse(listed.Json);
        var only = Assert.Single(listJson.RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal(keyId, only.GetProperty("id").GetString());
        Assert.Equal("ingest", only.GetProperty("kind").GetString());
        Assert.Equal("prod", Assert.Single(only.GetProperty("environments").EnumerateArray()).GetString());

        // Only a hash is kept: the key text is nowhere in the database files.
        var bytes = Directory.GetFiles(store.Folder).SelectMany(File.ReadAllBytes).ToArray();
        Assert.Equal(-1, bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(key)));
    }

    [Fact]
    public async Task Revoke_marks_the_key_and_a_second_revoke_fails()
    {
        using var store = new TempStore();
        var created = await CliRun.InvokeAsync("keys", "create", "--store", store.Spec, "--kind", "read", "--project", "shop", "--json");
        using var createdJson = JsonDocument.Parse(created.Json);
        var id = createdJson.RootElement.GetProperty("id").GetString()!;

        Assert.Equal(0, (await CliRun.InvokeAsync("keys", "revoke", "--store", store.Spec, id)).ExitCode);
        var again = await CliRun.InvokeAsync("keys", "revoke", "--store", store.Spec, id);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains(id, again.Error, StringComparison.Ordinal);

        var listed = await CliRun.InvokeAsync("keys", "list", "--store", store.Spec, "--json");
        using var listJson = JsonDocument.Parse(listed.Json);
        Assert.NotEqual(JsonValueKind.Null, listJson.RootElement.GetProperty("keys")[0].GetProperty("revoked_at").ValueKind);
    }

    [Fact]
    public async Task An_unknown_kind_is_refused()
    {
        using var store = new TempStore();
        var run = await CliRun.InvokeAsync("keys", "create", "--store", store.Spec, "--kind", "root", "--project", "shop");
        Assert.NotEqual(0, run.ExitCode);
    }
}
