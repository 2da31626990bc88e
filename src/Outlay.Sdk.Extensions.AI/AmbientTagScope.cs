namespace Outlay.Sdk.Extensions.AI;

/// <summary>
/// One ambient tag, linked to the scope it was opened in. Scopes are immutable, so a flow that forks (parallel
/// tasks) shares its parent's tags without any locking.
/// </summary>
internal sealed class AmbientTagScope : IDisposable
{
    private static readonly AsyncLocal<AmbientTagScope?> CurrentScope = new();

    private AmbientTagScope(string key, string value, AmbientTagScope? parent)
    {
        Key = key;
        Value = value;
        Parent = parent;
    }

    public static AmbientTagScope? Current => CurrentScope.Value;

    public string Key { get; }

    public string Value { get; }

    public AmbientTagScope? Parent { get; }

    public static AmbientTagScope Push(string key, string value)
    {
        var scope = new AmbientTagScope(key, value, CurrentScope.Value);
        CurrentScope.Value = scope;
        return scope;
    }

    public void Dispose()
    {
        // Only the innermost scope restores its parent; disposing an outer scope twice or out of order
        // must not drop tags that inner scopes still hold.
        if (ReferenceEquals(CurrentScope.Value, this))
        {
            CurrentScope.Value = Parent;
        }
    }
}
