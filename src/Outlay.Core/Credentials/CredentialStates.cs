namespace Outlay.Core.Credentials;

/// <summary>Names of <see cref="CredentialState"/> values as the API and the CLI write them.</summary>
public static class CredentialStates
{
    /// <summary><c>active</c>, <c>retired</c> or <c>retired_in_use</c>.</summary>
    public static string Name(CredentialState state) => state switch
    {
        CredentialState.Retired => "retired",
        CredentialState.RetiredInUse => "retired_in_use",
        _ => "active",
    };
}
