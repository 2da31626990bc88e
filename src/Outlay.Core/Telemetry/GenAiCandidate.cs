using Outlay.Core.Events;

namespace Outlay.Core.Telemetry;

/// <summary>A valid GenAI inference span before duplicates are removed; its event's id is assigned afterwards.</summary>
internal sealed record GenAiCandidate(TelemetrySpan Span, UsageEvent Event, string? ResponseId, int UsageDetail);
