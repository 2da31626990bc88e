using System.Globalization;

namespace Outlay.Server.Tests.HostileInput;

/// <summary>
/// How much to run and with which seed. Default: 440 cases (40 per target) on a fresh random seed, printed so a failure
/// reproduces. <c>OUTLAY_LONG_TESTS=1</c>: 20,000 cases. <c>OUTLAY_HOSTILE_SEED</c> and <c>OUTLAY_HOSTILE_CASES</c>
/// override either.
/// </summary>
internal static class HostileSettings
{
    public const int DefaultCases = 440;
    public const int LongCases = 20_000;

    public static bool Long => Environment.GetEnvironmentVariable("OUTLAY_LONG_TESTS") == "1";

    public static int Seed => int.TryParse(Environment.GetEnvironmentVariable("OUTLAY_HOSTILE_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
        ? seed
        : Random.Shared.Next();

    public static int Cases => int.TryParse(Environment.GetEnvironmentVariable("OUTLAY_HOSTILE_CASES"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var cases) && cases > 0
        ? cases
        : Long ? LongCases : DefaultCases;

    /// <summary>The random source of case <paramref name="index"/>: one case reproduces without the ones before it.</summary>
    public static Random CaseRandom(int seed, int index) => new(unchecked((seed * 1_000_003) + (index * 7_919)));
    // Not HashCode.Combine: it is randomised per process, so a seed would not reproduce.

    /// <summary>The kept corpus in the source tree (found from the test binaries up to the repository root).</summary>
    public static string CorpusDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var corpus = Path.Combine(dir.FullName, "tests", "Outlay.Server.Tests", "HostileInput", "corpus");
                if (File.Exists(Path.Combine(dir.FullName, "Outlay.slnx")) && Directory.Exists(corpus))
                {
                    return corpus;
                }
            }

            throw new DirectoryNotFoundException("tests/Outlay.Server.Tests/HostileInput/corpus was not found above " + AppContext.BaseDirectory);
        }
    }
}
