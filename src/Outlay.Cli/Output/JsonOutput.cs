using System.Text;
using System.Text.Json;

namespace Outlay.Cli.Output;

/// <summary>Writes one indented JSON object to the command's JSON output.</summary>
internal static class JsonOutput
{
    public static async Task WriteAsync(CliConsole console, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        await console.Json.WriteLineAsync(Encoding.UTF8.GetString(buffer.ToArray())).ConfigureAwait(false);
    }
}
