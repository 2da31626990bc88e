using Outlay.Core.Credentials;
using Outlay.Core.Detection;
using Outlay.Core.Findings;
using static Outlay.Core.Tests.Detection.SyntheticUsage;

namespace Outlay.Core.Tests.Detection;

public sealed class NoveltyDetectorTests
{
    private static readonly NoveltyOptions Options = new();

    private static readonly DateTimeOffset Recent = Now.AddMinutes(-30);

    /// <summary>A label in use for a month: checkout and billing in prod, from host-1 and host-2, on gpt-4o.</summary>
    private static List<CredentialPlace> Established() =>
    [
        Place(Now.AddDays(-30), Now.AddMinutes(-5)),
        Place(Now.AddDays(-20), Now.AddMinutes(-5), instance: "host-2"),
        Place(Now.AddDays(-10), Now.AddMinutes(-5), service: "billing", instance: "host-2"),
    ];

    [Fact]
    public void A_new_instance_is_one_observation_for_all_its_places()
    {
        var places = Established();
        places.Add(Place(Recent, Now, instance: "host-9", events: 7));
        places.Add(Place(Recent.AddMinutes(5), Now, service: "billing", instance: "host-9", events: 3));

        var observation = Assert.Single(NoveltyDetector.Detect("p1", places, Options, Now));

        Assert.Equal(FindingKinds.NewInstance, observation.Kind);
        Assert.Equal(FindingSeverity.Info, observation.Severity);
        Assert.Equal("new_instance|openai-prod|host-9", observation.Fingerprint);
        Assert.Equal("openai-prod", observation.Subject);
        Assert.Equal(new FindingPlace(KeyLabel: "openai-prod", Service: "checkout", Environment: "prod", Instance: "host-9", Model: "gpt-4o"), observation.Place);
        Assert.Equal("instance host-1, host-2", observation.Expected);
        Assert.Equal("instance host-9", observation.Observed);
        Assert.Equal("Key label openai-prod used with instance host-9 for the first time (since 2026-11-23 09:50 UTC, 10 calls)", observation.Summary);
        Assert.Equal(Recent, observation.At);
    }

    [Fact]
    public void A_new_instance_of_a_new_service_is_a_warning()
    {
        var places = Established();
        places.Add(Place(Recent, Now, service: "crypto-miner", instance: "host-9"));

        var observation = Assert.Single(NoveltyDetector.Detect("p1", places, Options, Now));

        Assert.Equal(FindingKinds.NewInstance, observation.Kind);
        Assert.Equal(FindingSeverity.Warning, observation.Severity);
        Assert.Contains("from a service new to it too", observation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_environment_is_one_warning()
    {
        var places = Established();
        places.Add(Place(Recent, Now, environment: "staging"));

        var observation = Assert.Single(NoveltyDetector.Detect("p1", places, Options, Now));

        Assert.Equal(FindingKinds.NewEnvironment, observation.Kind);
        Assert.Equal(FindingSeverity.Warning, observation.Severity);
        Assert.Equal(new FindingPlace(KeyLabel: "openai-prod", Service: "checkout", Environment: "staging", Instance: "host-1", Model: "gpt-4o"), observation.Place);
        Assert.Equal("environment prod", observation.Expected);
        Assert.Equal("environment staging", observation.Observed);
    }

    [Fact]
    public void A_new_model_is_one_info()
    {
        var places = Established();
        places.Add(Place(Recent, Now, model: "o3-pro"));

        var observation = Assert.Single(NoveltyDetector.Detect("p1", places, Options, Now));

        Assert.Equal(FindingKinds.NewModel, observation.Kind);
        Assert.Equal(FindingSeverity.Info, observation.Severity);
        Assert.Equal("model gpt-4o", observation.Expected);
        Assert.Equal("model o3-pro", observation.Observed);
    }

    [Fact]
    public void A_brand_new_label_never_alerts()
    {
        List<CredentialPlace> places =
        [
            Place(Now.AddDays(-2), Now, label: "openai-new"),
            Place(Recent, Now, label: "openai-new", environment: "staging", instance: "host-9", model: "o3-pro"),
        ];

        Assert.Empty(NoveltyDetector.Detect("p1", places, Options, Now));
    }

    [Fact]
    public void Known_places_old_news_and_unset_columns_are_quiet()
    {
        var places = Established();
        places.Add(Place(Recent, Now, service: "billing", instance: "host-1"));       // a new combination of known values
        places.Add(Place(Now.AddHours(-3), Now, instance: "host-7"));                 // new, but before the lookback
        places.Add(Place(Recent, Now, instance: ""));                                 // an event that omits its instance

        Assert.Empty(NoveltyDetector.Detect("p1", places, Options, Now));
    }
}
