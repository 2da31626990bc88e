namespace Outlay.Core.Storage;

/// <summary>A project: the unit of data isolation. Keys belong to exactly one project.</summary>
public sealed record ProjectRecord(string Id, string Name, DateTimeOffset CreatedAt);
