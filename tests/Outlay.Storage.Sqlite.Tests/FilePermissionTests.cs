namespace Outlay.Storage.Sqlite.Tests;

public sealed class FilePermissionTests
{
    [Fact]
    public async Task A_new_store_is_readable_by_its_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes do not apply on Windows.");
            return;
        }

        await using var temp = await TempStore.CreateAsync();
        var project = await temp.ProjectAsync("perm");
        await temp.AppendAsync(project, [TestEvents.Create(TestEvents.Hour10)]);

        var folder = System.IO.Path.GetDirectoryName(temp.Path)!;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        foreach (var file in Directory.GetFiles(folder))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }
}
