namespace Outlay.Server.Tests.Authorization;

/// <summary>
/// The concrete request of one matrix cell: a path (route values filled in) and either a raw body with its media
/// type or dashboard form fields (the session's <c>_csrf</c> is added by the caller columns that carry it).
/// </summary>
internal sealed record MatrixRequest(
    string Path,
    string? Body = null,
    string MediaType = "application/json",
    IReadOnlyList<KeyValuePair<string, string>>? Form = null)
{
    public static MatrixRequest Json(string path, string json) => new(path, json);

    public static MatrixRequest Fields(string path, params (string Name, string Value)[] fields) =>
        new(path, Form: fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).ToList());

    /// <summary>Everything the caller chose to send, for telling an echoed value from a leaked one.</summary>
    public string Text => Path + "\n" + Body + "\n" + string.Join("&", (Form ?? []).Select(f => f.Key + "=" + f.Value));
}
