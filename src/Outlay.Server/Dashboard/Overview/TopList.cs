namespace Outlay.Server.Dashboard.Overview;

/// <summary>The largest values of one dimension this month, with the month's whole spend for shares.</summary>
/// <param name="Dimension">Query name, e.g. <c>tag.feature</c>.</param>
/// <param name="Title">Heading, e.g. "Features".</param>
/// <param name="TestId">The <c>data-testid</c> of its panel, e.g. <c>top-features</c>.</param>
/// <param name="Items">At most <see cref="OverviewReportBuilder.TopCount"/> items, largest first.</param>
/// <param name="WholeNanoUsd">The month's whole spend (the denominator of each share).</param>
/// <param name="OtherValues">How many further values there were beyond <paramref name="Items"/>.</param>
internal sealed record TopList(string Dimension, string Title, string TestId, IReadOnlyList<TopItem> Items, long WholeNanoUsd, int OtherValues);
