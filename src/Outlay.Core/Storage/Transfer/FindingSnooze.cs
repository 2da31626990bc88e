namespace Outlay.Core.Storage.Transfer;

/// <summary>A snooze of one finding kind and subject in a project, until <paramref name="Until"/>.</summary>
public sealed record FindingSnooze(string ProjectId, string Kind, string Subject, DateTimeOffset Until);
