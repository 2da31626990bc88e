using System.Text;
using Outlay.Server.Tests.Otlp;

namespace Outlay.Server.Tests.HostileInput;

/// <summary>
/// Makes one hostile case from a seeded random source: a valid body for the target, then one mutation (truncation,
/// byte flips, invalid UTF-8, deep nesting, huge strings, out-of-range numbers, duplicate keys, wrong types, gzip
/// bombs and members, oversized batches, wrong headers, empty bodies). The same seed gives the same mutation.
/// </summary>
internal static class HostileCaseGenerator
{
    /// <summary>Nesting far past any parser's limit.</summary>
    public const int DeepLevels = 10_000;

    /// <summary>A string twice the default body limit.</summary>
    public const int HugeStringBytes = 8 * 1024 * 1024;

    /// <summary>Inflated size of a bomb: past the default 16 MiB decompressed limit.</summary>
    public const long BombBytes = 24L * 1024 * 1024;

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xC3, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80], [0xFE, 0xFF],
    ];

    private static readonly string?[] WrongContentTypes =
    [
        null, "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/json; charset=utf-16",
        "application/x-protobuf", "application/json", "garbage/////", "application/octet-stream", "*/*", ";",
    ];

    private static readonly string[] WrongEncodings = ["br", "deflate", "zstd", "gzip, gzip", "x-gzip", "GZIP", "compress", "gzip;q=1", "identity, br"];

    public static HostileCase Generate(HostileTarget target, Random random)
    {
        var valid = ValidBodies.Build(target.Body, random, random.Next(1, 4));
        var pick = random.Next(100);
        return pick switch
        {
            < 12 => Truncated(target, valid, random),
            < 22 => Flipped(target, valid, random),
            < 30 => WithInvalidUtf8(target, valid, random),
            < 36 => Deep(target, valid, random),
            < 39 => Huge(target, random),
            < 60 => Structural(target, valid, random),
            < 66 => WrongContentType(target, valid, random),
            < 71 => WrongEncoding(target, valid, random),
            < 79 => GzipDamage(target, valid, random),
            < 82 => Bomb(target),
            < 85 => Oversized(target, random),
            < 88 => HostileCase.Plain(target, "empty", []),
            < 92 => Spliced(target, valid, random),
            _ => Garbage(target, random),
        };
    }

    private static HostileCase Truncated(HostileTarget target, byte[] valid, Random random)
    {
        var at = random.Next(valid.Length);
        return HostileCase.Plain(target, $"truncated-at-{at}-of-{valid.Length}", valid[..at]);
    }

    private static HostileCase Flipped(HostileTarget target, byte[] valid, Random random)
    {
        var body = (byte[])valid.Clone();
        var flips = random.Next(1, 9);
        for (var i = 0; i < flips; i++)
        {
            body[random.Next(body.Length)] ^= (byte)random.Next(1, 256);
        }

        return HostileCase.Plain(target, $"{flips}-bytes-flipped", body);
    }

    private static HostileCase WithInvalidUtf8(HostileTarget target, byte[] valid, Random random)
    {
        // Inside a string when there is one (after a quote, or a comma in CSV), where a decoder meets it as text.
        var marks = Enumerable.Range(0, valid.Length).Where(i => valid[i] is (byte)'"' or (byte)',').ToList();
        var at = marks.Count > 0 ? marks[random.Next(marks.Count)] + 1 : random.Next(valid.Length + 1);
        var bad = InvalidUtf8[random.Next(InvalidUtf8.Length)];
        return HostileCase.Plain(target, $"invalid-utf8-{Convert.ToHexString(bad)}-at-{at}", [.. valid[..at], .. bad, .. valid[at..]]);
    }

    private static HostileCase Deep(HostileTarget target, byte[] valid, Random random)
    {
        var objects = random.Next(2) == 0;
        if (target.IsJson)
        {
            var nested = JsonMutations.Nested(DeepLevels, objects);
            var body = random.Next(3) == 0 ? Encoding.UTF8.GetBytes(nested) : JsonMutations.ReplaceValue(valid, random, nested);
            return HostileCase.Plain(target, $"nested-{DeepLevels}-{(objects ? "objects" : "arrays")}", body ?? Encoding.UTF8.GetBytes(nested));
        }

        if (target.Body == ValidBodies.Kind.ImportCsv)
        {
            // CSV has no nesting; the nearest thing is quotes within quotes.
            var quoted = new string('"', DeepLevels * 2);
            return HostileCase.Plain(target, "quotes-10000", Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(valid).TrimEnd('\n') + "\n" + quoted + "\n"));
        }

        // Protobuf: field 1 length-delimited messages inside each other.
        var message = Array.Empty<byte>();
        for (var i = 0; i < DeepLevels; i++)
        {
            message = [0x0A, .. Varint((ulong)message.Length), .. message];
        }

        return HostileCase.Plain(target, $"protobuf-nested-{DeepLevels}", message);
    }

    private static HostileCase Huge(HostileTarget target, Random random)
    {
        var huge = new string((char)('a' + random.Next(26)), HugeStringBytes);
        byte[] body = target.Body switch
        {
            ValidBodies.Kind.TracesProtobuf => OtlpProtobufWriter.Traces(
                [("service.name", "hostile")],
                OtlpProtobufWriter.Span(new byte[16], new byte[8], DateTimeOffset.UtcNow, false, ("gen_ai.request.model", huge), ("gen_ai.provider.name", "openai"))),
            ValidBodies.Kind.LogsProtobuf => OtlpProtobufWriter.Logs(
                [("service.name", "hostile")],
                OtlpProtobufWriter.LogRecord(new byte[16], new byte[8], DateTimeOffset.UtcNow, huge, "body")),
            ValidBodies.Kind.ImportCsv => Encoding.UTF8.GetBytes("date,provider,model,input_tokens,output_tokens\n2026-01-01,openai," + huge + ",1,1\n"),
            _ => JsonMutations.ReplaceValue(ValidBodies.Build(target.Body, random, 1), random, "\"" + huge + "\"")!,
        };
        return HostileCase.Plain(target, $"huge-string-{HugeStringBytes}", body);
    }

    private static HostileCase Structural(HostileTarget target, byte[] valid, Random random)
    {
        if (target.Body == ValidBodies.Kind.ImportCsv)
        {
            return CsvDamage(target, valid, random);
        }

        if (!target.IsJson)
        {
            return ProtobufDamage(target, valid, random);
        }

        var token = JsonMutations.HostileTokens[random.Next(JsonMutations.HostileTokens.Length)];
        if (random.Next(4) == 0)
        {
            return HostileCase.Plain(target, $"duplicate-key-{token}", JsonMutations.DuplicateProperty(valid, random, token) ?? valid);
        }

        return HostileCase.Plain(target, $"value-{token}", JsonMutations.ReplaceValue(valid, random, token) ?? valid);
    }

    private static HostileCase CsvDamage(HostileTarget target, byte[] valid, Random random)
    {
        var lines = Encoding.UTF8.GetString(valid).TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');
        var row = lines[random.Next(1, lines.Length)].Split(',');
        var token = JsonMutations.HostileTokens[random.Next(JsonMutations.HostileTokens.Length)].Trim('"');
        var (name, text) = random.Next(8) switch
        {
            0 => ("cell-" + token, Replace(row, random.Next(row.Length), token)),
            1 => ("unclosed-quote", Replace(row, random.Next(row.Length), "\"open")),
            2 => ("extra-column", string.Join(',', row) + ",extra"),
            3 => ("missing-column", string.Join(',', row[..^1])),
            4 => ("duplicate-header", string.Join(',', row)),
            5 => ("cr-only-lines", string.Join(',', row).Replace(",", "\r", StringComparison.Ordinal)),
            6 => ("nul-cell", Replace(row, random.Next(row.Length), "a\0b")),
            _ => ("many-columns", string.Join(',', Enumerable.Repeat("1", 100_000))),
        };
        var headerLine = name == "duplicate-header" ? string.Join(',', header) + "," + header[random.Next(header.Length)] : lines[0];
        if (name == "duplicate-header")
        {
            text += ",1";
        }

        return HostileCase.Plain(target, "csv-" + name, Encoding.UTF8.GetBytes(headerLine + "\n" + text + "\n"));
    }

    private static string Replace(string[] row, int index, string value)
    {
        var copy = (string[])row.Clone();
        copy[index] = value;
        return string.Join(',', copy);
    }

    private static HostileCase ProtobufDamage(HostileTarget target, byte[] valid, Random random)
    {
        var (name, tail) = random.Next(6) switch
        {
            0 => ("length-2^32", new byte[] { 0x0A, 0x80, 0x80, 0x80, 0x80, 0x10 }),
            1 => ("varint-11-bytes", new byte[] { 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }),
            2 => ("field-0", new byte[] { 0x02, 0x00 }),
            3 => ("group-wire-type", new byte[] { 0x0B, 0x0C }),
            4 => ("wire-type-7", new byte[] { 0x0F }),
            _ => ("negative-length", new byte[] { 0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }),
        };
        var at = random.Next(2) == 0 ? valid.Length : random.Next(valid.Length);
        return HostileCase.Plain(target, $"protobuf-{name}-at-{at}", [.. valid[..at], .. tail, .. valid[at..]]);
    }

    private static HostileCase WrongContentType(HostileTarget target, byte[] valid, Random random)
    {
        var type = WrongContentTypes[random.Next(WrongContentTypes.Length)];
        var body = target.Gzip ? GzipBodies.Compress(valid) : valid;
        return new HostileCase(target, $"content-type-{type ?? "none"}", body, type, target.Gzip ? "gzip" : null);
    }

    private static HostileCase WrongEncoding(HostileTarget target, byte[] valid, Random random)
    {
        var encoding = WrongEncodings[random.Next(WrongEncodings.Length)];
        var body = random.Next(2) == 0 ? GzipBodies.Compress(valid) : valid;
        return new HostileCase(target, $"content-encoding-{encoding}", body, target.ContentType, encoding);
    }

    private static HostileCase GzipDamage(HostileTarget target, byte[] valid, Random random)
    {
        var compressed = GzipBodies.Compress(valid);
        var (name, body) = random.Next(5) switch
        {
            0 => ("gzip-two-members", GzipBodies.TwoMembers(valid, random.Next(valid.Length + 1))),
            1 => ("gzip-truncated", compressed[..random.Next(compressed.Length)]),
            2 => ("gzip-crc-flipped", Flip(compressed, compressed.Length - 8 + random.Next(4))),
            3 => ("gzip-data-flipped", Flip(compressed, 10 + random.Next(Math.Max(1, compressed.Length - 18)))),
            _ => ("gzip-label-on-plain", valid),
        };
        return new HostileCase(target, name, body, target.ContentType, "gzip");
    }

    private static byte[] Flip(byte[] data, int at)
    {
        var copy = (byte[])data.Clone();
        copy[Math.Clamp(at, 0, copy.Length - 1)] ^= 0x5A;
        return copy;
    }

    private static HostileCase Bomb(HostileTarget target)
    {
        var opening = target.Body switch
        {
            ValidBodies.Kind.Events => "{\"events\": [",
            ValidBodies.Kind.TracesJson => "{\"resourceSpans\": [",
            ValidBodies.Kind.LogsJson => "{\"resourceLogs\": [",
            _ => string.Empty,
        };

        // The import takes no Content-Encoding at all, so it answers 415 before reading a byte.
        var expected = target.IsImport ? 415 : 413;
        return new HostileCase(target, $"gzip-bomb-{BombBytes}", GzipBodies.Bomb(opening, BombBytes), target.ContentType, "gzip", expected);
    }

    private static HostileCase Oversized(HostileTarget target, Random random)
    {
        if (target.IsEvents)
        {
            return HostileCase.Plain(target, "batch-1001-events", Encoding.UTF8.GetBytes(ValidBodies.Events(random, 1001)), 413);
        }

        // Elsewhere: a big but well-formed body (many records), which must be taken or refused cleanly.
        return HostileCase.Plain(target, "records-2000", ValidBodies.Build(target.Body, random, 2000));
    }

    private static HostileCase Spliced(HostileTarget target, byte[] valid, Random random)
    {
        var from = random.Next(valid.Length);
        var to = random.Next(from, valid.Length + 1);
        var at = random.Next(valid.Length + 1);
        return HostileCase.Plain(target, $"spliced-{from}-{to}-at-{at}", [.. valid[..at], .. valid[from..to], .. valid[at..]]);
    }

    private static HostileCase Garbage(HostileTarget target, Random random)
    {
        var body = new byte[random.Next(1, 4096)];
        random.NextBytes(body);
        return HostileCase.Plain(target, $"random-{body.Length}-bytes", body);
    }

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>(10);
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.Add((byte)value);
        return [.. bytes];
    }
}
