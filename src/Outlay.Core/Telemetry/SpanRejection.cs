using Outlay.Core.Events;

namespace Outlay.Core.Telemetry;

/// <summary>A GenAI span that was refused; nothing of it is stored. The error names the attribute, never its value.</summary>
/// <param name="Error">Why, e.g. <c>gen_ai.usage.input_tokens: must be an integer between 0 and 100000000</c>.</param>
/// <param name="Secret">Set when a kept value looked like a credential (becomes a security finding).</param>
/// <param name="Service">The span's service when it was valid and not itself the problem.</param>
/// <param name="Environment">The span's environment when it was valid and not itself the problem.</param>
public sealed record SpanRejection(string Error, DetectedSecret? Secret, string? Service, string? Environment);
