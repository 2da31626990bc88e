using System.Security.Cryptography;
using Outlay.Server.Alerts.Delivery;
using Outlay.Server.Alerts.Secrets;

namespace Outlay.Server.Tests.Alerts;

/// <summary>
/// Channel settings sealed with AES-256-GCM: they round-trip, any changed byte or another channel's id or key fails,
/// the key file is created private and shared by concurrent creators, and a readable one or a bad environment key is
/// refused with a clear error.
/// </summary>
public sealed class ChannelSecretBoxTests : IDisposable
{
    private static readonly AlertChannelConfig Config = new(new Uri("https://hooks.example.com/services/T0/B0/secretpath"), "whsec_abc", []);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "outlay-secret-tests", Guid.NewGuid().ToString("N"));

    public ChannelSecretBoxTests() => Directory.CreateDirectory(_directory);

    private string KeyPath => Path.Combine(_directory, "outlay.db.key");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void Sealed_settings_round_trip_and_contain_no_plaintext()
    {
        var box = new ChannelSecretBox(() => ChannelSecretKey.Load(null, KeyPath));

        var sealedBytes = box.Seal("chn_1", Config);
        var opened = box.Open("chn_1", sealedBytes);

        Assert.Equal(Config.Url, opened.Url);
        Assert.Equal("whsec_abc", opened.SigningSecret);
        Assert.Empty(opened.Recipients);
        Assert.Equal(ChannelSecretBox.Version, sealedBytes[0]);
        Assert.DoesNotContain("secretpath", System.Text.Encoding.UTF8.GetString(sealedBytes), StringComparison.Ordinal);
        Assert.NotEqual(sealedBytes, box.Seal("chn_1", Config)); // a fresh nonce each time
        var email = box.Open("chn_2", box.Seal("chn_2", new AlertChannelConfig(null, null, ["ops@example.com"])));
        Assert.Equal(["ops@example.com"], email.Recipients);
    }

    [Fact]
    public void Any_changed_byte_another_channel_id_or_another_key_fails_to_open()
    {
        var box = new ChannelSecretBox(() => ChannelSecretKey.Load(null, KeyPath));
        var other = new ChannelSecretBox(() => RandomNumberGenerator.GetBytes(32));
        var sealedBytes = box.Seal("chn_1", Config);

        for (var i = 0; i < sealedBytes.Length; i++)
        {
            var tampered = (byte[])sealedBytes.Clone();
            tampered[i] ^= 0x01;
            Assert.ThrowsAny<CryptographicException>(() => box.Open("chn_1", tampered));
        }

        Assert.ThrowsAny<CryptographicException>(() => box.Open("chn_2", sealedBytes));
        Assert.ThrowsAny<CryptographicException>(() => other.Open("chn_1", sealedBytes));
        Assert.ThrowsAny<CryptographicException>(() => box.Open("chn_1", sealedBytes.AsSpan(0, 20)));
    }

    [Fact]
    public void The_key_file_is_created_owner_only_and_reused()
    {
        var first = ChannelSecretKey.Load(null, KeyPath);
        var second = ChannelSecretKey.Load(null, KeyPath);

        Assert.Equal(32, first.Length);
        Assert.Equal(first, second);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyPath));
        }

        Assert.Equal([Path.GetFileName(KeyPath)], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void A_key_file_others_can_read_is_refused()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix permissions only.");
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        ChannelSecretKey.Load(null, KeyPath);
        File.SetUnixFileMode(KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var error = Assert.Throws<InvalidOperationException>(() => ChannelSecretKey.Load(null, KeyPath));

        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Processes_creating_the_key_at_once_all_get_the_same_key()
    {
        // One round lost the race about once in a few hundred runs before creation took a lock; 40 rounds make it show.
        var ct = TestContext.Current.CancellationToken;
        for (var round = 0; round < 40; round++)
        {
            var directory = Path.Combine(_directory, round.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, "outlay.db.key");
            using var start = new Barrier(8);
            var keys = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(
                () =>
                {
                    start.SignalAndWait(ct);
                    return ChannelSecretKey.Load(null, path);
                },
                ct)));

            Assert.All(keys, k => Assert.Equal(keys[0], k));
            Assert.Equal(["outlay.db.key"], Directory.GetFiles(directory).Select(Path.GetFileName));
        }
    }

    [Fact]
    public void The_environment_key_wins_over_the_file_and_a_malformed_one_is_refused_without_echoing_it()
    {
        var key = RandomNumberGenerator.GetBytes(32);

        var loaded = ChannelSecretKey.Load(Convert.ToBase64String(key), KeyPath);
        var shortKey = Assert.Throws<InvalidOperationException>(() => ChannelSecretKey.Load(Convert.ToBase64String(key[..16]), KeyPath));
        var notBase64 = Assert.Throws<InvalidOperationException>(() => ChannelSecretKey.Load("not-a-key!!", KeyPath));

        Assert.Equal(key, loaded);
        Assert.False(File.Exists(KeyPath));
        Assert.Contains("OUTLAY_SECRET_KEY", shortKey.Message, StringComparison.Ordinal);
        Assert.Contains("32", shortKey.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-key", notBase64.Message, StringComparison.Ordinal);
    }
}
