namespace Outlay.Core.Security;

/// <summary>
/// Something that should not have happened, e.g. a credential sent as a tag value. Never contains the secret itself.
/// </summary>
/// <param name="Id">Finding id.</param>
/// <param name="ProjectId">Project the offending request came from.</param>
/// <param name="Kind">Finding kind, e.g. <c>secret_in_event</c>.</param>
/// <param name="Detail">What was detected and where (field path and credential format), never the value.</param>
/// <param name="Service">The event's service, when known.</param>
/// <param name="Environment">The event's environment, when known.</param>
/// <param name="KeyId">The Outlay key that sent it.</param>
/// <param name="At">When it was detected.</param>
public sealed record SecurityFinding(
    Guid Id,
    string ProjectId,
    string Kind,
    string Detail,
    string? Service,
    string? Environment,
    string? KeyId,
    DateTimeOffset At);
