using Outlay.Core.Keys;
using Outlay.Core.Querying;

namespace Outlay.Server.Keys;

/// <summary>Checks a key creation request; errors name the field and never repeat its value.</summary>
internal static class CreateKeyValidation
{
    public const int MaxEnvironments = 16;
    public const int MaxNameLength = 100;

    public static string? Validate(CreateKeyRequest request, out ApiKeyKind kind)
    {
        if (!KeyKindText.TryParse(request.Kind, out kind))
        {
            return "kind: must be one of ingest, read, admin.";
        }

        var environments = request.Environments ?? [];
        if (environments.Count > 0 && kind != ApiKeyKind.Ingest)
        {
            return "environments: only ingest keys can be restricted to environments.";
        }

        if (environments.Count > MaxEnvironments)
        {
            return $"environments: at most {MaxEnvironments} are allowed.";
        }

        foreach (var environment in environments)
        {
            // Environment names follow the tag key shape, which keeps them plain labels.
            if (environment is null || !TagKeyPattern.IsValid(environment))
            {
                return "environments: each must match [a-z0-9_.-]{1,64}.";
            }
        }

        if (request.Name is { } name && (name.Length > MaxNameLength || name.Any(char.IsControl)))
        {
            return $"name: at most {MaxNameLength} characters, without control characters.";
        }

        return null;
    }
}
