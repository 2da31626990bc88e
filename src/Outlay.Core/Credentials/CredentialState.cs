namespace Outlay.Core.Credentials;

/// <summary>Where a key label stands: in use, retired, or retired yet still used after its retirement.</summary>
public enum CredentialState
{
    /// <summary>Not retired.</summary>
    Active = 0,

    /// <summary>Retired, and no event with the label since its retirement time.</summary>
    Retired = 1,

    /// <summary>Retired, but events with the label were seen at or after its retirement time.</summary>
    RetiredInUse = 2,
}
