namespace Outlay.Sdk.Diagnostics;

/// <summary>A bounded set remembering the most recent keys; the oldest is forgotten first. Not thread-safe.</summary>
internal sealed class RecentKeys
{
    private readonly int _capacity;
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public RecentKeys(int capacity) => _capacity = capacity;

    public bool Contains(string key) => _keys.Contains(key);

    public void Add(string key)
    {
        if (!_keys.Add(key))
        {
            return;
        }

        _order.Enqueue(key);
        if (_order.Count > _capacity)
        {
            _keys.Remove(_order.Dequeue());
        }
    }
}
