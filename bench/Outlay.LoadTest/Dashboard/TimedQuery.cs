namespace Outlay.LoadTest.Dashboard;

/// <summary>A named piece of dashboard work to time; <see cref="Run"/> answers how many rows it produced.</summary>
internal sealed record TimedQuery(string Name, Func<CancellationToken, Task<int>> Run);
