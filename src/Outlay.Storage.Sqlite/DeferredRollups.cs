using System.Diagnostics;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Sqlite;

/// <summary>
/// Rollup sums of committed appends that the writer holds instead of writing them at once, per project, and the
/// <c>rollup_journal</c> rows it wrote for them. Not thread-safe: used only under the store's write lock.
/// </summary>
/// <remarks>
/// Why: an append of a few thousand events touches a rollup row for most of them, each row on its own b-tree page, so
/// every commit rewrote about one page per event into the WAL. Summed over many appends, rows repeat and each page is
/// written once per fold instead of once per commit. Events are committed (and acknowledged) as before; the journal
/// names the events whose sums are held, in the same transaction, so after a crash the next writer re-reads exactly
/// those events (<see cref="EventAppender"/>). Every read and every other write folds first, so no reader ever sees
/// rollups without an acknowledged event.
/// </remarks>
internal sealed class DeferredRollups
{
    private readonly Dictionary<string, BatchRollups> _pending = new(StringComparer.Ordinal);
    private long _maxAgeTicks;
    private long _firstHeldAt;
    private bool _held;
    private JournalState _journal;

    public DeferredRollups(int maxEvents, TimeSpan maxAge)
    {
        MaxEvents = maxEvents;
        _maxAgeTicks = (long)(maxAge.TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>How long sums are held at most while appends keep coming (or until the idle fold).</summary>
    public TimeSpan MaxAge
    {
        get => TimeSpan.FromSeconds((double)_maxAgeTicks / Stopwatch.Frequency);
        set => _maxAgeTicks = (long)(value.TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>Events held past which the append that adds more folds them all.</summary>
    public int MaxEvents { get; }

    /// <summary>Whether sums are held, or the journal must be read back (<see cref="Invalidate"/>): a read must fold first.</summary>
    public bool HasPending => _held || _journal != default;

    /// <summary>New events whose sums are held.</summary>
    public long Events { get; private set; }

    /// <summary>The held sums per project.</summary>
    public IReadOnlyDictionary<string, BatchRollups> Pending => _pending;

    /// <summary>The journal rows this writer added since its last fold, summarised.</summary>
    public JournalState Journal => _journal;

    /// <summary>
    /// True when <paramref name="journal"/> holds exactly this writer's rows: no other process folded them or added its
    /// own. Seqs are never reused, so equal count, bounds and sum can only be the same rows.
    /// </summary>
    public bool IsJournal(JournalState journal) => journal == _journal;

    /// <summary>Whether the held sums are old or many enough that the current append should write them.</summary>
    public bool Due(long extraEvents) =>
        Events + extraEvents >= MaxEvents || (_held && Stopwatch.GetTimestamp() - _firstHeldAt >= _maxAgeTicks);

    /// <summary>Adds <paramref name="sums"/> (another append's sums of <paramref name="projectId"/>) to the held ones.</summary>
    /// <exception cref="OverflowException">A sum would exceed 2^63-1.</exception>
    public void Hold(string projectId, BatchRollups sums, int newEvents)
    {
        if (!_held)
        {
            _firstHeldAt = Stopwatch.GetTimestamp();
            _held = true;
        }

        if (!_pending.TryGetValue(projectId, out var held))
        {
            held = new BatchRollups();
            _pending.Add(projectId, held);
        }

        held.Add(sums);
        Events += newEvents;
        foreach (var key in sums.DailyDimensions.Keys)
        {
            if (key.Dimension.Length == 0)
            {
                LargestDayTotal = Math.Max(LargestDayTotal, Largest(held.DailyDimensions[key]));
            }
        }
    }

    /// <summary>
    /// The largest value in any held day-total row (dimension '', per project and UTC day). Every other rollup row of a
    /// day sums a subset of that day's events, so no held row exceeds it. Kept as appends are held (only the day totals
    /// an append touched can have grown), not searched for.
    /// </summary>
    public long LargestDayTotal { get; private set; }

    /// <summary>Remembers a journal row this writer inserted.</summary>
    public void Journaled(long seq) =>
        _journal = new JournalState(
            _journal.Count + 1,
            _journal.Count == 0 ? seq : Math.Min(_journal.MinSeq, seq),
            Math.Max(_journal.MaxSeq, seq),
            _journal.SeqSum + seq);

    /// <summary>Forgets the held sums and journal rows: they were written (or the journal is read back instead).</summary>
    public void Clear()
    {
        foreach (var sums in _pending.Values)
        {
            sums.Clear();
        }

        // Projects come and go; the emptied sums are kept only while few.
        if (_pending.Count > 8)
        {
            _pending.Clear();
        }

        Events = 0;
        LargestDayTotal = 0;
        _held = false;
        _journal = default;
    }

    private static long Largest(in RollupSums s) =>
        Math.Max(
            Math.Max(Math.Max(s.CostNano, s.Events), Math.Max(s.UnpricedEvents, s.InputTokens)),
            Math.Max(Math.Max(s.OutputTokens, s.CacheReadTokens), Math.Max(Math.Max(s.CacheWriteTokens, s.CacheWrite1hTokens), s.ReasoningTokens)));

    /// <summary>After a failed transaction: the held sums may include a rolled-back append, so they are dropped and the
    /// next writer transaction reads the journal back instead (it never matches an empty state while rows exist).</summary>
    public void Invalidate()
    {
        Clear();
        _journal = new JournalState(-1, -1, -1, -1);
    }
}
