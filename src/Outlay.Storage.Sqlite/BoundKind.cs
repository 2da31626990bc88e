namespace Outlay.Storage.Sqlite;

/// <summary>What a <see cref="PreparedStatement"/> knows one of its parameters holds, to skip binding an equal value again.</summary>
internal enum BoundKind : byte
{
    /// <summary>Not known (never bound by this object, a GUID, or a bind that failed): the next bind is made.</summary>
    Unknown,

    /// <summary>NULL.</summary>
    Null,

    /// <summary>The text last recorded for the position.</summary>
    Text,

    /// <summary>The integer last recorded for the position.</summary>
    Number,
}
