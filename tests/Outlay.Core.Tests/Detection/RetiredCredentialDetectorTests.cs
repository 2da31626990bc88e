using Outlay.Core.Credentials;
using Outlay.Core.Detection;
using Outlay.Core.Findings;
using static Outlay.Core.Tests.Detection.SyntheticUsage;

namespace Outlay.Core.Tests.Detection;

public sealed class RetiredCredentialDetectorTests
{
    private static readonly DateTimeOffset RetiredAt = Now.AddHours(-1);

    private static readonly CredentialRetirement Retirement = new("p1", "openai-2025", RetiredAt, "openai-2026", null, Now.AddDays(-1), null);

    [Fact]
    public void A_place_still_using_a_retired_label_is_one_critical_observation()
    {
        List<CredentialPlace> places =
        [
            Place(Now.AddDays(-90), Now.AddMinutes(-5), label: "openai-2025", service: "batch", environment: "prod", instance: "worker-3"),
            Place(Now.AddDays(-90), RetiredAt.AddMinutes(-1), label: "openai-2025", service: "checkout"),   // moved before the retirement
            Place(Now.AddDays(-1), Now, label: "openai-2026", service: "checkout"),                         // the replacement
        ];

        var observation = Assert.Single(RetiredCredentialDetector.Detect("p1", places, [Retirement]));

        Assert.Equal(FindingKinds.RetiredCredentialInUse, observation.Kind);
        Assert.Equal(FindingSeverity.Critical, observation.Severity);
        Assert.Equal("retired_credential_in_use|openai-2025|batch|prod|worker-3|gpt-4o", observation.Fingerprint);
        Assert.Equal("openai-2025", observation.Subject);
        Assert.Equal(new FindingPlace(KeyLabel: "openai-2025", Service: "batch", Environment: "prod", Instance: "worker-3", Model: "gpt-4o"), observation.Place);
        Assert.Equal("no use after 2026-11-23 09:20 UTC (retired)", observation.Expected);
        Assert.Equal("last used 2026-11-23 10:15 UTC", observation.Observed);
        Assert.Equal("Retired key label openai-2025 still in use by service batch, environment prod, instance worker-3 (model gpt-4o), last at 2026-11-23 10:15 UTC", observation.Summary);
        Assert.Contains("replaced by openai-2026", observation.Detail, StringComparison.Ordinal);
        Assert.Equal(Now.AddMinutes(-5), observation.At);
    }

    [Fact]
    public void A_label_whose_places_all_stopped_before_retirement_is_quiet() =>
        Assert.Empty(RetiredCredentialDetector.Detect(
            "p1",
            [Place(Now.AddDays(-90), RetiredAt.AddTicks(-1), label: "openai-2025"), Place(Now.AddDays(-1), Now, label: "openai-2026")],
            [Retirement]));
}
