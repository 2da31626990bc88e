namespace Outlay.Core.Storage;

/// <summary>The rule for job lock names: 1–64 characters of <c>a-z</c>, <c>0-9</c> and <c>-</c>, so a name is safe in a file name.</summary>
public static class JobLockName
{
    /// <summary>The longest name: 64 characters.</summary>
    public const int MaxLength = 64;

    /// <summary>Throws when <paramref name="name"/> breaks the rule.</summary>
    /// <exception cref="ArgumentException">The name is empty, longer than <see cref="MaxLength"/>, or has another character.</exception>
    public static void Validate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 or > MaxLength || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            throw new ArgumentException($"A job lock name is 1–{MaxLength} characters of a-z, 0-9 and '-'.", nameof(name));
        }
    }
}
