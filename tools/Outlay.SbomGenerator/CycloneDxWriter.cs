using System.Text.Encodings.Web;
using System.Text.Json;

namespace Outlay.SbomGenerator;

/// <summary>
/// Writes CycloneDX 1.5 JSON. No timestamp and no random serial number, so the same lock files always give
/// the same bytes and an SBOM diff shows only dependency changes.
/// </summary>
internal static class CycloneDxWriter
{
    public static byte[] Write(BomBuilder bom, string toolVersion)
    {
        var subject = bom.Subject ?? throw new InvalidOperationException("an SBOM needs at least one project");
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "http://cyclonedx.org/schema/bom-1.5.schema.json");
            json.WriteString("bomFormat", "CycloneDX");
            json.WriteString("specVersion", "1.5");
            json.WriteNumber("version", 1);

            json.WriteStartObject("metadata");
            json.WriteStartObject("tools");
            json.WriteStartArray("components");
            json.WriteStartObject();
            json.WriteString("type", "application");
            json.WriteString("name", "Outlay.SbomGenerator");
            json.WriteString("version", toolVersion);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WritePropertyName("component");
            WriteComponent(json, subject, bom.SubjectIsApplication ? "application" : "library");
            json.WriteEndObject();

            json.WriteStartArray("components");
            foreach (var component in bom.Components)
            {
                WriteComponent(json, component, "library");
            }

            json.WriteEndArray();

            json.WriteStartArray("dependencies");
            foreach (var component in bom.Components.Prepend(subject))
            {
                json.WriteStartObject();
                json.WriteString("ref", component.Purl);
                json.WriteStartArray("dependsOn");
                foreach (var dependency in component.DependsOn)
                {
                    json.WriteStringValue(dependency);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteComponent(Utf8JsonWriter json, BomComponent component, string type)
    {
        json.WriteStartObject();
        json.WriteString("type", type);
        json.WriteString("bom-ref", component.Purl);
        json.WriteString("name", component.Name);
        json.WriteString("version", component.Version);
        json.WriteString("purl", component.Purl);
        if (component.Sha512Hex is not null)
        {
            json.WriteStartArray("hashes");
            json.WriteStartObject();
            json.WriteString("alg", "SHA-512");
            json.WriteString("content", component.Sha512Hex);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteStartArray("properties");
        WriteProperty(json, "outlay:origin", component.IsProject ? "project" : "package");
        WriteProperty(json, "outlay:lockType", string.Join(';', component.DependencyTypes));
        WriteProperty(json, "outlay:targetFrameworks", string.Join(';', component.Frameworks));
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteProperty(Utf8JsonWriter json, string name, string value)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("value", value);
        json.WriteEndObject();
    }
}
