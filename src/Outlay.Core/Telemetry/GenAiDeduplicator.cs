namespace Outlay.Core.Telemetry;

/// <summary>
/// Keeps one candidate per model call. Spans sharing <c>gen_ai.response.id</c> are one call: the one with the most
/// usage detail is kept (MEAI's span has cache reads the OpenAI SDK's lacks), the innermost on a tie. Without a
/// response id, a GenAI span with a GenAI descendant in the same export is a wrapper of that call and is dropped.
/// </summary>
internal static class GenAiDeduplicator
{
    public static List<GenAiCandidate> Deduplicate(List<GenAiCandidate> candidates, IReadOnlyList<TelemetrySpan> spans)
    {
        var parents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var span in spans)
        {
            if (span.TraceId is not null && span.SpanId is not null && span.ParentSpanId is not null)
            {
                parents.TryAdd(Key(span.TraceId, span.SpanId), span.ParentSpanId);
            }
        }

        var byResponse = new Dictionary<string, GenAiCandidate>(StringComparer.Ordinal);
        var kept = new List<GenAiCandidate>(candidates.Count);
        foreach (var candidate in candidates)
        {
            if (candidate.ResponseId is null)
            {
                kept.Add(candidate);
            }
            else if (!byResponse.TryGetValue(candidate.ResponseId, out var other) || IsBetter(candidate, other, parents, spans.Count))
            {
                byResponse[candidate.ResponseId] = candidate;
            }
        }

        kept.AddRange(byResponse.Values);
        var wrappers = FindWrappers(kept, parents, spans.Count);
        kept.RemoveAll(wrappers.Contains);
        return kept;
    }

    private static bool IsBetter(GenAiCandidate candidate, GenAiCandidate current, Dictionary<string, string> parents, int maxDepth)
    {
        if (candidate.UsageDetail != current.UsageDetail)
        {
            return candidate.UsageDetail > current.UsageDetail;
        }

        return Depth(candidate.Span, parents, maxDepth) > Depth(current.Span, parents, maxDepth);
    }

    /// <summary>Candidates that are ancestors of another candidate, unless both carry (different) response ids.</summary>
    private static HashSet<GenAiCandidate> FindWrappers(List<GenAiCandidate> kept, Dictionary<string, string> parents, int maxDepth)
    {
        var bySpan = new Dictionary<string, GenAiCandidate>(StringComparer.Ordinal);
        foreach (var candidate in kept)
        {
            if (candidate.Span.TraceId is { } trace && candidate.Span.SpanId is { } id)
            {
                bySpan.TryAdd(Key(trace, id), candidate);
            }
        }

        var wrappers = new HashSet<GenAiCandidate>(ReferenceEqualityComparer.Instance);
        foreach (var candidate in kept)
        {
            var trace = candidate.Span.TraceId;
            var parent = candidate.Span.ParentSpanId;
            for (var step = 0; trace is not null && parent is not null && step < maxDepth; step++)
            {
                var key = Key(trace, parent);
                if (bySpan.TryGetValue(key, out var ancestor) && !(ancestor.ResponseId is not null && candidate.ResponseId is not null))
                {
                    wrappers.Add(ancestor);
                }

                parent = parents.GetValueOrDefault(key);
            }
        }

        return wrappers;
    }

    private static int Depth(TelemetrySpan span, Dictionary<string, string> parents, int maxDepth)
    {
        var depth = 0;
        var parent = span.ParentSpanId;
        while (span.TraceId is not null && parent is not null && depth < maxDepth)
        {
            depth++;
            parent = parents.GetValueOrDefault(Key(span.TraceId, parent));
        }

        return depth;
    }

    private static string Key(string traceId, string spanId) => traceId + "/" + spanId;
}
