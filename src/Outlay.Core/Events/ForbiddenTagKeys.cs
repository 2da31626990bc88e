namespace Outlay.Core.Events;

/// <summary>
/// Tag keys that name content or secrets. Outlay never stores prompts, completions or credentials, so a tag whose
/// key suggests one (<c>prompt</c>, <c>user_prompt</c>, <c>system.message</c>, <c>openai-api-key</c>) is refused
/// before its value is looked at. Keys are split into words on <c>_ . -</c>; any forbidden word refuses the key.
/// </summary>
internal static class ForbiddenTagKeys
{
    public static bool NamesContentOrSecret(string key)
    {
        var start = 0;
        for (var i = 0; i <= key.Length; i++)
        {
            if (i == key.Length || key[i] is '_' or '.' or '-')
            {
                if (i > start && Words.Contains(key[start..i]))
                {
                    return true;
                }

                start = i + 1;
            }
        }

        return false;
    }

    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "prompt", "prompts", "completion", "completions", "content", "contents", "message", "messages",
        "input", "output", "text", "body",
        "apikey", "key", "secret", "secrets", "password", "passwd", "token", "authorization", "auth",
        "credential", "credentials", "bearer", "cookie", "cookies", "session",

        // Common compounds written as one word.
        "accesskey", "secretkey", "privatekey", "accesstoken", "refreshtoken", "authtoken", "sessionid",
    };
}
