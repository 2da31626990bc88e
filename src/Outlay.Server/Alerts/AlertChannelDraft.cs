namespace Outlay.Server.Alerts;

/// <summary>What a caller asked for when adding a channel, before validation (from the API body or the dashboard form).</summary>
/// <param name="Name">Name for people, 1–100 characters.</param>
/// <param name="Kind"><c>webhook</c>, <c>slack</c> or <c>email</c>.</param>
/// <param name="Url">The webhook or Slack URL.</param>
/// <param name="Recipients">Email addresses.</param>
internal sealed record AlertChannelDraft(string? Name, string? Kind, string? Url, IReadOnlyList<string>? Recipients);
