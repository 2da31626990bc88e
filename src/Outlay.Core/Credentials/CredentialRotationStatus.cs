namespace Outlay.Core.Credentials;

/// <summary>How far one place (service × environment × instance) has moved from an old key label to its replacement.</summary>
public enum CredentialRotationStatus
{
    /// <summary>Still uses the old label and has never used the new one.</summary>
    NotMoved = 0,

    /// <summary>Has used the old label since the new one first appeared there.</summary>
    Both = 1,

    /// <summary>Uses the new label and has not used the old one since the new one first appeared there.</summary>
    Moved = 2,
}
