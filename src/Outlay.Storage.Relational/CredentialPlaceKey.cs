namespace Outlay.Storage.Relational;

/// <summary>One row of <c>credential_places</c> within a project; unset columns are ''.</summary>
internal readonly record struct CredentialPlaceKey(string KeyLabel, string Service, string Environment, string Instance, string Model);
