namespace Outlay.Sdk.Extensions.AI;

/// <summary>
/// Tags for Outlay events recorded by <c>UseOutlay</c> middleware: ambient tags that apply to every call made in
/// the current asynchronous flow, and the key for tags of a single call.
/// </summary>
/// <remarks>
/// Precedence, lowest first: <see cref="OutlayChatOptions.Tags"/>, ambient tags from the outermost to the innermost
/// scope, per-call tags. Tag keys must match <c>[a-z0-9_.-]{1,64}</c>, values be at most 128 characters, and an event
/// carries at most 24 tags: the middleware leaves out any other tag rather than have the server refuse the whole
/// event. Never put a credential or message content into a tag.
/// </remarks>
public static class OutlayTags
{
    /// <summary>
    /// The <c>AdditionalProperties</c> key of <c>ChatOptions</c> or <c>EmbeddingGenerationOptions</c> holding tags for
    /// one call: <c>"outlay.tags"</c>, with a value of any <c>IEnumerable&lt;KeyValuePair&lt;string, string&gt;&gt;</c> (for example
    /// an <c>IReadOnlyDictionary&lt;string, string&gt;</c>). The middleware removes the key before calling the inner
    /// client, so it never reaches the provider's request; other value types are ignored.
    /// </summary>
    public const string PerCallKey = "outlay.tags";

    /// <summary>
    /// Adds a tag to every call made in the current asynchronous flow until the returned scope is disposed.
    /// An inner scope overrides an outer scope's value for the same key.
    /// </summary>
    /// <param name="key">The tag key, for example <c>feature</c>.</param>
    /// <param name="value">The tag value, for example <c>summarize</c>.</param>
    /// <returns>The scope; dispose it to restore the tags that applied before.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is null or empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static IDisposable Begin(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        return AmbientTagScope.Push(key, value);
    }
}
