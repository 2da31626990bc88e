namespace Outlay.LoadTest.Dashboard;

/// <summary>
/// The 1/5/15-minute load averages from <c>/proc/loadavg</c>, printed beside timings: on a shared machine a load far
/// above the core count stretches every figure, and the reader should know.
/// </summary>
internal static class MachineLoad
{
    public static string Describe()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"load average {fields[0]} / {fields[1]} / {fields[2]} on {Environment.ProcessorCount} cores";
        }
        catch (IOException)
        {
            return "load average unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "load average unknown";
        }
    }
}
