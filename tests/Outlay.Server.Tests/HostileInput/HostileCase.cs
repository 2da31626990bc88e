namespace Outlay.Server.Tests.HostileInput;

/// <summary>
/// One request to try: the body exactly as sent (already gzipped when <see cref="ContentEncoding"/> says so) and the
/// headers, which a case may have made wrong. <see cref="Name"/> says which mutation made it, for the failure report.
/// </summary>
internal sealed record HostileCase(
    HostileTarget Target,
    string Name,
    byte[] Body,
    string? ContentType,
    string? ContentEncoding,
    int? ExpectedStatus = null)
{
    /// <summary>A case sent as the target's valid client would send it, gzipped when the target is.</summary>
    public static HostileCase Plain(HostileTarget target, string name, byte[] decoded, int? expectedStatus = null) =>
        new(target, name, target.Gzip ? GzipBodies.Compress(decoded) : decoded, target.ContentType, target.Gzip ? "gzip" : null, expectedStatus);

    public override string ToString() =>
        $"{Target.Name}/{Name} ({Body.Length} bytes, Content-Type {ContentType ?? "(none)"}, Content-Encoding {ContentEncoding ?? "(none)"})";
}
