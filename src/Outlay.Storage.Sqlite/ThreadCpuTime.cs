using System.Runtime.InteropServices;

namespace Outlay.Storage.Sqlite;

/// <summary>
/// The CPU time the calling thread has used, from <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c> on Linux (a vDSO call,
/// tens of nanoseconds); zero elsewhere. The store sums it over its write groups so the load tool can tell the single
/// writer's share of an append from the callers' share, which wall time on a shared machine cannot.
/// </summary>
internal static class ThreadCpuTime
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>The calling thread's CPU time in nanoseconds, or 0 where it cannot be read.</summary>
    public static long Nanoseconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        try
        {
            return ClockGetTime(ClockThreadCpuTimeId, out var time) == 0 ? (time.Seconds * 1_000_000_000) + time.Nanoseconds : 0;
        }
        catch (DllNotFoundException)
        {
            return 0;
        }
        catch (EntryPointNotFoundException)
        {
            return 0;
        }
    }

    // DllImport rather than LibraryImport: the latter needs unsafe code enabled for the whole assembly.
    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
