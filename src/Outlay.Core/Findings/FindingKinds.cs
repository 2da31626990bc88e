namespace Outlay.Core.Findings;

/// <summary>
/// The kinds of finding Outlay raises. They are stable identifiers: they appear in the API, in webhook payloads and in
/// the store, so a kind is never renamed.
/// </summary>
public static class FindingKinds
{
    /// <summary>A credential was sent as an event field or tag value and refused at ingest.</summary>
    public const string SecretInEvent = "secret_in_event";

    /// <summary>A credential was sent as an OTLP span attribute and refused at ingest.</summary>
    public const string SecretInSpan = "secret_in_span";

    /// <summary>An event used a key label after the time it was marked retired.</summary>
    public const string RetiredCredentialInUse = "retired_credential_in_use";

    /// <summary>Spend of a key label, service, feature or customer far above its seasonal baseline.</summary>
    public const string SpendSpike = "spend_spike";

    /// <summary>Tokens of a key label, service, feature or customer far above their seasonal baseline.</summary>
    public const string TokenSpike = "token_spike";

    /// <summary>Calls from one instance and feature far above their normal rate.</summary>
    public const string RunawayLoop = "runaway_loop";

    /// <summary>A key label used for a model it was never used for before.</summary>
    public const string NewModel = "new_model";

    /// <summary>A key label used in an environment it was never used in before.</summary>
    public const string NewEnvironment = "new_environment";

    /// <summary>A key label used from an instance it was never used from before.</summary>
    public const string NewInstance = "new_instance";

    /// <summary>A key label used at an hour of the week it is never used.</summary>
    public const string UnusualHour = "unusual_hour";

    /// <summary>Tokens per call of a feature and model grew far above their baseline (a prompt that quietly grew).</summary>
    public const string TokensPerCallDrift = "tokens_per_call_drift";

    /// <summary>The provider reports usage on a key that no tracked event explains (the signature of a stolen key).</summary>
    public const string UntrackedUsage = "untracked_usage";

    /// <summary>Every kind, in the order the dashboard lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        UntrackedUsage, RetiredCredentialInUse, SecretInEvent, SecretInSpan, RunawayLoop, SpendSpike, TokenSpike,
        NewInstance, NewEnvironment, NewModel, UnusualHour, TokensPerCallDrift,
    ];

    /// <summary>True for a kind in <see cref="All"/>.</summary>
    public static bool IsKnown(string kind) => All.Contains(kind, StringComparer.Ordinal);
}
