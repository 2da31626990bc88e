using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Outlay.Server.Tests.HostileInput;

/// <summary>
/// Property-based hostile input over every ingest path on a real server: each generated case (see
/// <see cref="HostileCaseGenerator"/>) must be answered 2xx or 4xx-with-a-problem, never 5xx or a dropped connection,
/// storing nothing it refused; and the server must keep serving valid requests. The seed is printed; a failing case is
/// written to a file to be kept in <c>corpus/</c>.
/// </summary>
public sealed class HostileInputPropertyTests
{
    [Fact]
    public async Task Generated_hostile_bodies_on_every_ingest_path_are_answered_2xx_or_4xx_and_the_server_keeps_serving()
    {
        var seed = HostileSettings.Seed;
        var cases = HostileSettings.Cases;
        var output = TestContext.Current.TestOutputHelper!;
        output.WriteLine($"hostile input: seed {seed}, {cases} cases (reproduce: OUTLAY_HOSTILE_SEED={seed} OUTLAY_HOSTILE_CASES={cases})");
        await using var runner = await HostileCaseRunner.StartAsync();
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < cases && failures.Count < 10; i++)
        {
            var target = HostileTarget.All[i % HostileTarget.All.Count];
            var hostile = HostileCaseGenerator.Generate(target, HostileSettings.CaseRandom(seed, i));
            if (await runner.RunAsync(hostile) is { } error)
            {
                failures.Add($"case {i} {hostile}: {error} — kept at {Keep(seed, i, hostile)}");
            }

            if (i % 50 == 49 && await runner.CheckStillServingAsync() is { } serving)
            {
                failures.Add($"after case {i}: {serving}");
            }
        }

        if (await runner.CheckStillServingAsync() is { } final)
        {
            failures.Add("at the end: " + final);
        }

        output.WriteLine($"{cases} cases in {clock.Elapsed.TotalSeconds:F1} s; answers by path and status:");
        foreach (var (outcome, count) in runner.Outcomes)
        {
            output.WriteLine($"  {outcome}: {count}");
        }

        Assert.True(failures.Count == 0, $"seed {seed}: {failures.Count} case(s) broke the property:\n" + string.Join('\n', failures));
    }

    /// <summary>Writes the failing body where it can be copied into the corpus as <c>corpus/&lt;target&gt;/&lt;name&gt;.bin</c>.</summary>
    private static string Keep(int seed, int index, HostileCase hostile)
    {
        var directory = Path.Combine(Path.GetTempPath(), "outlay-hostile-failures", seed.ToString(CultureInfo.InvariantCulture), hostile.Target.Name);
        Directory.CreateDirectory(directory);
        var safe = new StringBuilder();
        foreach (var c in hostile.Name.Take(60))
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' ? c : '_');
        }

        var path = Path.Combine(directory, $"case-{index}-{safe}.bin");
        File.WriteAllBytes(path, hostile.Body);
        return path;
    }
}
