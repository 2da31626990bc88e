using System.Text.Json.Nodes;

namespace Outlay.Server.Alerts.Delivery;

/// <summary>One thing to tell a channel: a budget alert today, a security finding later.</summary>
/// <param name="Id">Stable id of the notice; a receiver uses it to drop a redelivery.</param>
/// <param name="Event">What happened, dotted: <c>budget.threshold</c>, <c>budget.forecast</c>.</param>
/// <param name="ProjectId">The project it belongs to.</param>
/// <param name="Title">One line for a subject or a Slack heading.</param>
/// <param name="Summary">A sentence or two in plain text.</param>
/// <param name="OccurredAt">When it fired.</param>
/// <param name="Data">The structured facts, sent as is in the webhook body.</param>
/// <param name="Link">Where to look in the dashboard, when the server knows its public address.</param>
internal sealed record AlertNotice(string Id, string Event, string ProjectId, string Title, string Summary, DateTimeOffset OccurredAt, JsonObject Data, Uri? Link);
