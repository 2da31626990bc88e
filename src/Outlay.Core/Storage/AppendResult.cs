namespace Outlay.Core.Storage;

/// <summary>What an append durably committed: new events, and ids already stored (acknowledged, not counted again).</summary>
public sealed record AppendResult(int Accepted, int Duplicates);
