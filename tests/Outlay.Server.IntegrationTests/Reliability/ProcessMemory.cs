using System.Globalization;

namespace Outlay.Server.IntegrationTests.Reliability;

/// <summary>Reads a process's resident set size from <c>/proc/PID/status</c> (Linux), the memory the kernel actually gives it.</summary>
internal static class ProcessMemory
{
    /// <summary>VmRSS in bytes, or null when the process is gone or <c>/proc</c> is not there.</summary>
    public static long? ResidentBytes(int processId)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{processId}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kilobytes = line["VmRSS:".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                    return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }

    public static string Mib(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";
}
