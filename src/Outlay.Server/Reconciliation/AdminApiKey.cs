namespace Outlay.Server.Reconciliation;

/// <summary>
/// A provider admin key, held only for one pull. It has no public text: <see cref="ToString"/> is a placeholder, so a
/// log line, an exception message or a debugger display that formats it shows nothing secret.
/// </summary>
internal sealed class AdminApiKey
{
    private readonly string _value;

    public AdminApiKey(string value) => _value = value;

    /// <summary>The key for the one header that carries it.</summary>
    public string Reveal() => _value;

    public override string ToString() => "(admin key)";
}
