using System.Runtime.CompilerServices;

namespace Outlay.Storage.Relational;

/// <summary>
/// Room on the stack for one event's tags while <see cref="CanonicalTagsJson"/> sorts them: as many as ingest accepts
/// (<c>EventTagsReader.MaxTags</c>); an event with more (built in code, not received) sorts in an array instead.
/// </summary>
[InlineArray(Length)]
internal struct TagPairs
{
    public const int Length = 24;

    private KeyValuePair<string, string> _first;
}
