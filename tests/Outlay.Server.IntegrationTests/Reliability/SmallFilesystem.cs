using System.Diagnostics;

namespace Outlay.Server.IntegrationTests.Reliability;

/// <summary>
/// A size-limited tmpfs mounted on a new temp folder, so a test can fill a disk for real without touching the
/// machine's. Mounting needs root: CI runs as root; a developer's non-root run gets <see cref="TryMount"/> null and a
/// reason, and the test skips (on CI, where <c>CI</c> is set, it fails instead, so the proof cannot silently vanish).
/// </summary>
internal sealed class SmallFilesystem : IDisposable
{
    private SmallFilesystem(string path) => Path = path;

    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="megabytes"/> MiB, or returns null with the reason it cannot.</summary>
    public static SmallFilesystem? TryMount(int megabytes, out string reason)
    {
        reason = string.Empty;
        if (!OperatingSystem.IsLinux())
        {
            reason = "tmpfs needs Linux";
            return null;
        }

        if (Environment.UserName != "root" && Run("id", "-u").Output.Trim() != "0")
        {
            reason = "mounting a tmpfs needs root (CI runs as root)";
            return null;
        }

        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "outlay-small-fs", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m,mode=0700", "tmpfs", path);
        if (code != 0)
        {
            Directory.Delete(path);
            reason = $"mount -t tmpfs failed ({code}): {output.Trim()}";
            return null;
        }

        return new SmallFilesystem(path);
    }

    /// <summary>
    /// Writes a filler file until the filesystem answers "no space left" and returns its path; deleting it gives
    /// the space back.
    /// </summary>
    public string Fill()
    {
        var filler = System.IO.Path.Combine(Path, "filler.bin");
        var block = new byte[64 * 1024];
        Random.Shared.NextBytes(block);
        try
        {
            using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
            while (true)
            {
                stream.Write(block);
            }
        }
        catch (IOException)
        {
            // ENOSPC: the disk is full, which is the point. (The last partial block may or may not have been written.)
        }

        // Top up byte by byte at the edge: the partial last block leaves a few KiB a store page could still use.
        try
        {
            using var stream = new FileStream(filler, FileMode.Append, FileAccess.Write, FileShare.None, 1);
            while (true)
            {
                stream.Write(block, 0, 512);
                stream.Flush();
            }
        }
        catch (IOException)
        {
        }

        return filler;
    }

    /// <summary>Remounts read-only (<paramref name="readOnly"/>) or read-write. Fails while a file is open for writing on it.</summary>
    public void Remount(bool readOnly)
    {
        var (code, output) = Run("mount", "-o", readOnly ? "remount,ro" : "remount,rw", Path);
        Assert.True(code == 0, $"remounting {(readOnly ? "read-only" : "read-write")} failed ({code}): {output}");
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover empty mount point in the temp folder is harmless.
        }
    }

    private static (int Code, string Output) Run(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
