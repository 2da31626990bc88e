using System.Data.Common;
using Outlay.Core.Reconciliation;

namespace Outlay.Storage.Relational;

/// <summary>How a provider key mapping is stored by every engine: SQL (parameters <c>@name</c>), validation and the row reader.</summary>
internal static class ProviderKeyMappingColumns
{
    public const string Select = """
        SELECT project_id, provider, provider_ref, key_label, created_ms
        FROM provider_key_mappings
        WHERE project_id = @project
        ORDER BY provider, provider_ref
        """;

    public const string Upsert = """
        INSERT INTO provider_key_mappings (project_id, provider, provider_ref, key_label, created_ms)
        VALUES (@project, @provider, @ref, @label, @created)
        ON CONFLICT (project_id, provider, provider_ref) DO UPDATE SET
            key_label = excluded.key_label,
            created_ms = excluded.created_ms
        """;

    public const string Delete = "DELETE FROM provider_key_mappings WHERE project_id = @project AND provider = @provider AND provider_ref = @ref";

    public static IEnumerable<(string Name, object Value)> Parameters(ProviderKeyMapping mapping)
    {
        yield return ("project", mapping.ProjectId);
        yield return ("provider", mapping.Provider);
        yield return ("ref", mapping.ProviderRef);
        yield return ("label", mapping.KeyLabel);
        yield return ("created", mapping.CreatedAt.ToUnixTimeMilliseconds());
    }

    /// <summary>Throws <see cref="ArgumentException"/> when a part is empty or too long.</summary>
    public static void Validate(ProviderKeyMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentException.ThrowIfNullOrEmpty(mapping.ProjectId, nameof(mapping));
        Check(mapping.Provider, ProviderUsageColumns.MaxNameLength, "provider");
        Check(mapping.ProviderRef, ProviderKeyMapping.MaxLength, "provider ref");
        Check(mapping.KeyLabel, ProviderKeyMapping.MaxLength, "key label");
    }

    public static ProviderKeyMapping Read(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new ProviderKeyMapping(
            reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)));
    }

    private static void Check(string? value, int maxLength, string what)
    {
        if (string.IsNullOrEmpty(value) || value.Length > maxLength)
        {
            throw new ArgumentException($"The mapping's {what} must be 1–{maxLength} characters.", "mapping");
        }
    }
}
