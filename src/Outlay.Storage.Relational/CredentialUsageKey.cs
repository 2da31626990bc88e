namespace Outlay.Storage.Relational;

/// <summary>One row of <c>credential_usage_hourly</c> within a project: an hour (Unix seconds), a place and a feature ('' when untagged).</summary>
internal readonly record struct CredentialUsageKey(long Hour, CredentialPlaceKey Place, string Feature);
