namespace Outlay.Core.Storage.Transfer;

/// <summary>
/// One page of a project's stored events, in the engine's stable export order.
/// </summary>
/// <param name="Events">The events, with their stored price (cost, price id, resolved model; no breakdown), tags, ids and times.</param>
/// <param name="Cursor">
/// Opaque position after the last event of this page, to pass back for the next page; null when the page is empty.
/// Only meaningful to the store that returned it.
/// </param>
public sealed record EventPage(IReadOnlyList<PricedEvent> Events, string? Cursor);
