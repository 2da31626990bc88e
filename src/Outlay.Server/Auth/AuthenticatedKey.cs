using Outlay.Core.Keys;

namespace Outlay.Server.Auth;

/// <summary>The caller of a request, once its key has been verified. Holds no secret material.</summary>
internal sealed record AuthenticatedKey(string KeyId, string ProjectId, ApiKeyKind Kind, IReadOnlyList<string> Environments);
