using System.Globalization;
using System.Text;

namespace Outlay.Server.Tests.HostileInput;

/// <summary>
/// Replays the kept corpus (<c>corpus/&lt;target&gt;/&lt;name&gt;[.&lt;status&gt;].&lt;ext&gt;</c>, small hand-made and found cases)
/// and the big cases that are generated at test time rather than kept, against the same property as the generator; a
/// status in a file name must be the answer exactly.
/// </summary>
public sealed class HostileCorpusTests
{
    [Fact]
    public async Task Every_kept_corpus_case_is_answered_2xx_or_4xx_as_its_name_says()
    {
        var cases = Directory.EnumerateDirectories(HostileSettings.CorpusDirectory)
            .SelectMany(dir => Directory.EnumerateFiles(dir).Select(file => Load(HostileTarget.Named(Path.GetFileName(dir)), file)))
            .OrderBy(c => c.Target.Name, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
        Assert.True(cases.Count >= 50, $"the corpus holds only {cases.Count} cases");
        var bytes = cases.Sum(c => (long)c.Body.Length);
        Assert.True(bytes <= 200 * 1024, $"the corpus holds {bytes} bytes; keep it under 200 KB and generate big cases at test time");
        TestContext.Current.TestOutputHelper!.WriteLine($"corpus: {cases.Count} cases, {bytes} bytes");
        Assert.All(HostileTarget.All.Where(t => !t.Name.EndsWith("-gzip", StringComparison.Ordinal) || t == HostileTarget.EventsGzip),
            t => Assert.Contains(cases, c => c.Target == t));

        await RunAllAsync(cases);
    }

    [Fact]
    public async Task The_big_cases_generated_at_test_time_are_answered_as_expected()
    {
        var random = new Random(8);
        var deep = Encoding.UTF8.GetBytes(JsonMutations.Nested(HostileCaseGenerator.DeepLevels, objects: false));
        var hugeModel = Encoding.UTF8.GetBytes(ValidBodies.Events(random, 1).Replace("gpt-4o-mini", new string('m', HostileCaseGenerator.HugeStringBytes), StringComparison.Ordinal)
            .Replace("claude-sonnet-4-20250514", new string('m', HostileCaseGenerator.HugeStringBytes), StringComparison.Ordinal));
        var cases = new List<HostileCase>
        {
            HostileCase.Plain(HostileTarget.EventsJson, "nested-10000", deep, 400),
            HostileCase.Plain(HostileTarget.EventsGzip, "nested-10000", deep, 400),
            HostileCase.Plain(HostileTarget.TracesJson, "nested-10000", deep, 400),
            HostileCase.Plain(HostileTarget.LogsJson, "nested-10000", deep, 400),
            HostileCase.Plain(HostileTarget.ImportJson, "nested-10000", deep, 400),
            HostileCase.Plain(HostileTarget.EventsJson, "huge-model-8MiB", hugeModel, 413),
            HostileCase.Plain(HostileTarget.EventsGzip, "huge-model-8MiB", hugeModel, 200),
            HostileCase.Plain(HostileTarget.ImportCsv, "huge-cell-8MiB",
                Encoding.UTF8.GetBytes("date,provider,model,input_tokens,output_tokens\n2026-01-01,openai," + new string('m', HostileCaseGenerator.HugeStringBytes) + ",1,1\n")),
            HostileCase.Plain(HostileTarget.EventsJson, "batch-1001-events", Encoding.UTF8.GetBytes(ValidBodies.Events(random, 1001)), 413),
            HostileCase.Plain(HostileTarget.EventsJson, "batch-1000-events", Encoding.UTF8.GetBytes(ValidBodies.Events(random, 1000)), 200),
        };
        foreach (var target in HostileTarget.All.Where(t => t.Gzip || t.IsImport))
        {
            var opening = target.IsEvents ? "{\"events\": [" : string.Empty;
            cases.Add(new HostileCase(target, "gzip-bomb", GzipBodies.Bomb(opening, HostileCaseGenerator.BombBytes), target.ContentType, "gzip", target.IsImport ? 415 : 413));
        }

        await RunAllAsync(cases);
    }

    private static async Task RunAllAsync(IReadOnlyList<HostileCase> cases)
    {
        await using var runner = await HostileCaseRunner.StartAsync();
        var failures = new List<string>();
        foreach (var hostile in cases)
        {
            if (await runner.RunAsync(hostile) is { } error)
            {
                failures.Add($"{hostile}: {error}");
            }
        }

        if (await runner.CheckStillServingAsync() is { } serving)
        {
            failures.Add("at the end: " + serving);
        }

        var output = TestContext.Current.TestOutputHelper!;
        output.WriteLine($"{cases.Count} cases; answers by path and status:");
        foreach (var (outcome, count) in runner.Outcomes)
        {
            output.WriteLine($"  {outcome}: {count}");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} case(s) broke the property:\n" + string.Join('\n', failures));
    }

    private static HostileCase Load(HostileTarget target, string file)
    {
        var parts = Path.GetFileName(file).Split('.');
        int? status = parts.Length >= 3 && int.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
        var name = Path.GetFileName(file);
        return new HostileCase(target, name, File.ReadAllBytes(file), target.ContentType, target.Gzip ? "gzip" : null, status);
    }
}
