using Microsoft.AspNetCore.Http;
using Outlay.Server.Dashboard.Html;

namespace Outlay.Server.Dashboard.Overview;

/// <summary>What a project with no events sees: how to send the first one (SDK snippet and the ingest endpoint).</summary>
internal static class OverviewEmptyState
{
    public static void Write(HtmlBuilder body, HttpContext http)
    {
        var origin = http.Request.Scheme + "://" + http.Request.Host.Value;
        var snippet =
            "await using var outlay = new OutlayClient(new OutlayClientOptions\n" +
            "{\n" +
            "    Endpoint = new Uri(\"" + origin + "\"),\n" +
            "    IngestKey = Environment.GetEnvironmentVariable(\"OUTLAY_INGEST_KEY\"),\n" +
            "    Service = \"my-service\",\n" +
            "});\n\n" +
            "// after each provider call:\n" +
            "outlay.Track(new UsageEvent { Provider = \"openai\", Model = \"gpt-4o-mini\", InputTokens = 1200, OutputTokens = 300,\n" +
            "    Tags = new Dictionary<string, string> { [\"feature\"] = \"summarize\" } });";
        body.Open("section", ("class", "empty"), ("data-testid", "overview-empty"))
            .Element("h2", "No events yet")
            .Open("p")
            .Text("Send one with the SDK (package Outlay.Sdk) using an ingest key, or POST JSON to ")
            .Element("code", origin + "/v1/events", ("data-testid", "ingest-endpoint"))
            .Text(". OpenTelemetry GenAI spans are accepted at ")
            .Element("code", origin + "/v1/traces")
            .Text(".")
            .Close("p")
            .Open("pre").Element("code", snippet).Close("pre")
            .Element("p", "Create an ingest key on the Keys page (admin) or with: outlay keys create --kind ingest --project NAME")
            .Close("section");
    }
}
