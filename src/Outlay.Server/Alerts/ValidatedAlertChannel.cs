using Outlay.Core.Alerts;
using Outlay.Server.Alerts.Delivery;

namespace Outlay.Server.Alerts;

/// <summary>A channel draft that passed validation: its settings in clear (to be sealed at once) and the redacted target.</summary>
internal sealed record ValidatedAlertChannel(string Name, AlertChannelKind Kind, AlertChannelConfig Config, string DisplayTarget);
