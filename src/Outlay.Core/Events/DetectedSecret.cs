namespace Outlay.Core.Events;

/// <summary>
/// A value of a refused event looked like a credential. Carries where and what kind, <b>never the value</b>.
/// </summary>
/// <param name="Field">Field path, e.g. <c>tags.customer</c> or <c>model</c> (a tag key that is itself the secret is named by position, e.g. <c>tags (key #2)</c>).</param>
/// <param name="Format">Credential format, one of <see cref="Security.CredentialFormats"/>, e.g. <c>openai_api_key</c>.</param>
public sealed record DetectedSecret(string Field, string Format);
