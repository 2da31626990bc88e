namespace Outlay.Core.Credentials;

/// <summary>Names of <see cref="CredentialRotationStatus"/> values as the API and the CLI write them.</summary>
public static class CredentialRotationStatuses
{
    /// <summary><c>not_moved</c>, <c>both</c> or <c>moved</c>.</summary>
    public static string Name(CredentialRotationStatus status) => status switch
    {
        CredentialRotationStatus.Moved => "moved",
        CredentialRotationStatus.Both => "both",
        _ => "not_moved",
    };
}
