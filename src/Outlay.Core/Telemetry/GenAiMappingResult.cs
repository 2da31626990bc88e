using Outlay.Core.Events;

namespace Outlay.Core.Telemetry;

/// <summary>What one OTLP export became.</summary>
/// <param name="Events">Usage events to price and store, one per model call.</param>
/// <param name="Rejections">GenAI spans refused (invalid counts, credential-shaped values, …).</param>
/// <param name="Ignored">Spans that are not GenAI inference spans (HTTP, tools, agents, …): neither stored nor rejected.</param>
/// <param name="Duplicates">GenAI spans dropped because another span of the same request describes the same call.</param>
public sealed record GenAiMappingResult(
    IReadOnlyList<UsageEvent> Events,
    IReadOnlyList<SpanRejection> Rejections,
    int Ignored,
    int Duplicates);
