namespace Outlay.Storage.Sqlite;

/// <summary>What <c>rollup_journal</c> holds, summarised: its row count and the min, max and sum of its seqs (all 0 when empty).</summary>
internal readonly record struct JournalState(long Count, long MinSeq, long MaxSeq, long SeqSum);
