namespace Outlay.Server.Auth;

/// <summary>Why a presented key was or was not accepted; deliberately coarse so responses reveal nothing.</summary>
internal enum AuthenticationStatus
{
    Authenticated,
    Missing,
    Invalid,
}
