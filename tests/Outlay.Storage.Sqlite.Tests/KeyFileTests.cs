using Outlay.Core.Keys;

namespace Outlay.Storage.Sqlite.Tests;

/// <summary>SQLite-only: the key text never reaches the database file or its WAL.</summary>
public sealed class KeyFileTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_key_text_is_never_written_to_the_database_file()
    {
        await using var temp = await TempStore.CreateAsync();
        var project = await temp.ProjectAsync("a");
        var (text, record) = ApiKeyFactory.Create(ApiKeyKind.Admin, project, null, null, Now);
        await temp.Store.AddKeyAsync(record, TestContext.Current.CancellationToken);
        await temp.ReopenAsync();
        await temp.Store.DisposeAsync();

        var secret = text[(text.LastIndexOf('_') + 1)..];
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(temp.Path)!))
        {
            var bytes = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
            Assert.Equal(-1, bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(secret)));
        }
    }
}
