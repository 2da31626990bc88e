// Sends one GenAI chat span through the OpenTelemetry JavaScript SDK's OTLP/HTTP JSON exporter, as any JS app
// instrumented with the GenAI conventions would, and exits 0 only after the export succeeded.
//
// Environment:
//   OUTLAY_OTLP_ENDPOINT   full traces URL, e.g. http://127.0.0.1:5318/v1/traces (required)
//   OUTLAY_INGEST_KEY      an Outlay ingest key, sent as the x-outlay-key header (required)
//   OUTLAY_CONTENT_MARKER  text put inside gen_ai.input.messages, so a test can prove it is never stored (optional)
import { randomUUID } from 'node:crypto';
import { ExportResultCode } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';

const endpoint = process.env.OUTLAY_OTLP_ENDPOINT;
const ingestKey = process.env.OUTLAY_INGEST_KEY;
if (!endpoint || !ingestKey) {
  console.error('set OUTLAY_OTLP_ENDPOINT and OUTLAY_INGEST_KEY');
  process.exit(2);
}

const marker = process.env.OUTLAY_CONTENT_MARKER ?? 'no-marker';

// The SDK's processors swallow export failures, so the results are counted here to decide the exit code.
const results = { succeeded: 0, failed: [] };
const otlpExporter = new OTLPTraceExporter({ url: endpoint, headers: { 'x-outlay-key': ingestKey } });
const countingExporter = {
  export(spans, resultCallback) {
    otlpExporter.export(spans, (result) => {
      if (result.code === ExportResultCode.SUCCESS) {
        results.succeeded += 1;
      } else {
        results.failed.push(result.error?.message ?? 'export failed');
      }
      resultCallback(result);
    });
  },
  shutdown: () => otlpExporter.shutdown(),
  forceFlush: () => otlpExporter.forceFlush(),
};

const provider = new BasicTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'outlay-otel-js-e2e' }),
  spanProcessors: [new SimpleSpanProcessor(countingExporter)],
});
const tracer = provider.getTracer('outlay-otel-js-e2e');

const end = Date.now();
const span = tracer.startSpan('chat gpt-4o-mini', {
  kind: 2, // CLIENT
  startTime: end - 850,
  attributes: {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': 'openai',
    'gen_ai.request.model': 'gpt-4o-mini',
    'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
    'gen_ai.response.id': `chatcmpl-js-${randomUUID()}`,
    'gen_ai.usage.input_tokens': 1200,
    'gen_ai.usage.output_tokens': 300,
    'gen_ai.usage.cache_read.input_tokens': 1000,
    'gen_ai.input.messages': JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: `say hi ${marker}` }] }]),
  },
});
span.end(end);

try {
  await provider.forceFlush();
  await provider.shutdown();
} catch (error) {
  console.error(`flush failed: ${error?.message ?? error}`);
  process.exit(1);
}

if (results.failed.length > 0 || results.succeeded === 0) {
  console.error(`export failed: ${results.failed.join('; ') || 'nothing was exported'}`);
  process.exit(1);
}

console.log(`exported ${results.succeeded} request(s) to ${endpoint}`);
