using Outlay.Core.Security;

namespace Outlay.Server.Tests.Secrets;

/// <summary>The secret tripwire recognises every canary format, alone and inside a longer value, as the format it is.</summary>
public sealed class CanaryDetectionTests
{
    [Fact]
    public void Every_canary_is_recognised_as_its_format()
    {
        var missed = new List<string>();
        foreach (var canary in CanaryCredentials.Create())
        {
            var alone = SecretDetector.DetectFormat(canary.Value);
            var embedded = SecretDetector.DetectFormat("customer note: " + canary.Value + " (pasted by mistake)");
            if (alone != canary.Format || embedded is null)
            {
                missed.Add($"{canary.Name}: alone {alone ?? "nothing"}, embedded {embedded ?? "nothing"}, expected {canary.Format}");
            }
        }

        Assert.True(missed.Count == 0, "the tripwire missed: " + string.Join("; ", missed));
    }
}
