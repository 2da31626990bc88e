namespace Outlay.Core.Events;

/// <summary>The <c>operation</c> values of wire contract v1.</summary>
public static class Operations
{
    public const string Chat = "chat";
    public const string Responses = "responses";
    public const string Completion = "completion";
    public const string Embeddings = "embeddings";
    public const string Image = "image";
    public const string Audio = "audio";
    public const string Other = "other";

    public static readonly IReadOnlySet<string> All =
        new HashSet<string>(StringComparer.Ordinal) { Chat, Responses, Completion, Embeddings, Image, Audio, Other };
}
