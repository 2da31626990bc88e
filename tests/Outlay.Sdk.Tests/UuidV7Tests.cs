namespace Outlay.Sdk.Tests;

public sealed class UuidV7Tests
{
    [Fact]
    public void Has_version_7_and_the_rfc_9562_variant()
    {
        var id = UuidV7.NewGuid();
        var bytes = id.ToByteArray(bigEndian: true);

        Assert.Equal(7, id.Version);
        Assert.Equal(0x70, bytes[6] & 0xF0);
        Assert.Equal(0x80, bytes[8] & 0xC0);
    }

    [Fact]
    public void Carries_the_unix_millisecond_timestamp_in_its_first_48_bits()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var id = UuidV7.NewGuid();
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var bytes = id.ToByteArray(bigEndian: true);
        var milliseconds = 0L;
        for (var i = 0; i < 6; i++)
        {
            milliseconds = (milliseconds << 8) | bytes[i];
        }

        // The counter may carry a few ms ahead when many ids were made in one millisecond.
        Assert.InRange(milliseconds, before, after + 5);
    }

    [Fact]
    public void Ids_made_in_a_row_increase_even_within_one_millisecond()
    {
        var ids = Enumerable.Range(0, 20_000).Select(_ => UuidV7.NewGuid()).ToList();

        for (var i = 1; i < ids.Count; i++)
        {
            Assert.True(string.CompareOrdinal(ids[i - 1].ToString("N"), ids[i].ToString("N")) < 0, $"id {i} is not greater than id {i - 1}");
        }
    }

    [Fact]
    public void Ids_for_a_repeated_or_earlier_millisecond_still_increase()
    {
        // A time already past: the counter keeps order anyway (ids never go backwards within a process).
        var milliseconds = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 60_000;
        var first = UuidV7.Create(milliseconds);
        var second = UuidV7.Create(milliseconds);

        Assert.True(string.CompareOrdinal(first.ToString("N"), second.ToString("N")) < 0);
    }

    [Fact]
    public async Task Ids_from_many_threads_are_unique()
    {
        var tasks = Enumerable.Range(0, 8).Select(_ => Task.Run(() => Enumerable.Range(0, 10_000).Select(_ => UuidV7.NewGuid()).ToList())).ToArray();
        var all = (await Task.WhenAll(tasks)).SelectMany(ids => ids).ToList();

        Assert.Equal(all.Count, all.Distinct().Count());
    }
}
