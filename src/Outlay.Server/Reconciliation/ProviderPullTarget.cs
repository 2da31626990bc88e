namespace Outlay.Server.Reconciliation;

/// <summary>One provider admin API the pull worker reads: which provider, at which address, with which key source.</summary>
internal sealed record ProviderPullTarget(string Provider, Uri BaseUrl, AdminKeySource KeySource);
