using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Outlay.Server.Alerts.Delivery;

namespace Outlay.Server.Alerts.Secrets;

/// <summary>
/// Seals a channel's settings for the store with AES-256-GCM: <c>version (1) | nonce (12, random) | tag (16) |
/// ciphertext</c>, with the version byte and the channel id as associated data, so sealed bytes copied onto another
/// channel, altered, or opened with another key fail instead of decrypting. The key is loaded on first use; a failed load (say, a key file others can read) is retried on the next use, so fixing the file needs no restart.
/// </summary>
internal sealed class ChannelSecretBox
{
    /// <summary>The format written by this version: 1.</summary>
    public const byte Version = 1;

    private const int NonceLength = 12;
    private const int TagLength = 16;
    private const int HeaderLength = 1 + NonceLength + TagLength;

    private readonly Func<byte[]> _loadKey;
    private byte[]? _key;
    private volatile bool _keyUnavailable;

    public ChannelSecretBox(Func<byte[]> loadKey)
    {
        ArgumentNullException.ThrowIfNull(loadKey);
        _loadKey = loadKey;
    }

    /// <summary>Whether the last attempt to load the key failed (it is tried again on the next use).</summary>
    public bool KeyUnavailable => _keyUnavailable;

    /// <summary>
    /// A box whose key comes from <c>OUTLAY_SECRET_KEY</c>, <see cref="OutlayServerOptions.SecretKeyPath"/> or, on SQLite,
    /// <c>&lt;store path&gt;.key</c>. On PostgreSQL without either, every use fails with an error saying to set one.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>OUTLAY_SECRET_KEY</c> is set but is not base64 of 32 bytes (checked at once).</exception>
    public static ChannelSecretBox FromOptions(OutlayServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var environmentValue = Environment.GetEnvironmentVariable(ChannelSecretKey.EnvironmentVariable);
        var path = options.ResolveSecretKeyPath();
        if (path is null && environmentValue is null)
        {
            // No file lives beside a database server, and a key stored in the database would sit next to what it protects.
            return new ChannelSecretBox(() => throw new InvalidOperationException(
                $"A PostgreSQL store has no key file beside it: set {ChannelSecretKey.EnvironmentVariable} (base64 of 32 bytes, e.g. `openssl rand -base64 32`) or --secret-key-file to use alert channels."));
        }

        if (environmentValue is not null)
        {
            var key = ChannelSecretKey.Load(environmentValue, path);
            return new ChannelSecretBox(() => key);
        }

        return new ChannelSecretBox(() => ChannelSecretKey.Load(null, path!));
    }

    public byte[] Seal(string channelId, AlertChannelConfig config)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelId);
        ArgumentNullException.ThrowIfNull(config);
        var settings = new SealedChannelSettings(config.Url?.AbsoluteUri, config.SigningSecret, config.Recipients);
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(settings, ChannelSecretsJsonContext.Default.SealedChannelSettings);
        var sealedBytes = new byte[HeaderLength + plaintext.Length];
        sealedBytes[0] = Version;
        var nonce = sealedBytes.AsSpan(1, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(Key(), TagLength))
        {
            aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(HeaderLength), sealedBytes.AsSpan(1 + NonceLength, TagLength), AssociatedData(channelId));
        }

        CryptographicOperations.ZeroMemory(plaintext);
        return sealedBytes;
    }

    /// <exception cref="CryptographicException">The bytes are not a sealed setting of this channel under this key (tampered, another channel's, another key, unknown version).</exception>
    public AlertChannelConfig Open(string channelId, ReadOnlySpan<byte> sealedBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelId);
        if (sealedBytes.Length < HeaderLength || sealedBytes[0] != Version)
        {
            throw new CryptographicException("The sealed channel settings have an unknown format.");
        }

        var plaintext = new byte[sealedBytes.Length - HeaderLength];
        try
        {
            using (var aes = new AesGcm(Key(), TagLength))
            {
                aes.Decrypt(sealedBytes.Slice(1, NonceLength), sealedBytes[HeaderLength..], sealedBytes.Slice(1 + NonceLength, TagLength), plaintext, AssociatedData(channelId));
            }

            var settings = JsonSerializer.Deserialize(plaintext, ChannelSecretsJsonContext.Default.SealedChannelSettings)
                ?? throw new CryptographicException("The sealed channel settings are empty.");
            return new AlertChannelConfig(
                settings.Url is null ? null : new Uri(settings.Url, UriKind.Absolute),
                settings.SigningSecret,
                settings.Recipients ?? []);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private byte[] Key()
    {
        if (Volatile.Read(ref _key) is { } key)
        {
            return key;
        }

        try
        {
            // Loading twice at once is harmless: the key file is created without overwriting, so both read one key.
            key = _loadKey();
            _keyUnavailable = false;
        }
        catch (InvalidOperationException)
        {
            _keyUnavailable = true;
            throw;
        }

        return Interlocked.CompareExchange(ref _key, key, null) ?? key;
    }

    private static byte[] AssociatedData(string channelId)
    {
        var id = Encoding.UTF8.GetBytes(channelId);
        var data = new byte[1 + id.Length];
        data[0] = Version;
        id.CopyTo(data, 1);
        return data;
    }
}
