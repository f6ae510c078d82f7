import { createRequire } from 'node:module';
import { context, propagation, ROOT_CONTEXT, type Context } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BullMQOtel } from 'bullmq-otel';

/**
 * OpenTelemetry tracing, off unless OTEL_EXPORTER_OTLP_ENDPOINT is set. One petition is one
 * trace: the HTTP request's context is stored with each outbox message, BullMQ (bullmq-otel)
 * carries it in the job, and the worker's span is the parent of what the job publishes.
 */
let sdk: NodeSDK | undefined;

/** Query strings can hold a petitioner's query code or a board token: never in a span. */
const REDACTED_QUERY = ['queryCode', 'token'];
const UNTRACED_PATHS = /^\/(health|metrics)(\/|$|\?)/;

/** Starts tracing; must run before the HTTP stack is loaded so it can be instrumented. */
export function startTracing(serviceName: string, endpoint: string | undefined): void {
  if (!endpoint || sdk) return;
  sdk = new NodeSDK({
    serviceName,
    // Traces only: metrics are Prometheus's (/metrics), logs are pino's.
    metricReaders: [],
    logRecordProcessors: [],
    traceExporter: new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` }),
    instrumentations: [
      new HttpInstrumentation({
        redactedQueryParamsServer: REDACTED_QUERY,
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.test(request.url ?? ''),
      }),
      new ExpressInstrumentation(),
    ],
  });
  sdk.start();
  // The instrumentations patch a module when it is required; these were loaded before tracing
  // started (Bull Board loads express), so require them once more to have them patched.
  const require = createRequire(import.meta.url);
  for (const id of ['http', 'https', 'express']) require(id);
}

/** Flushes the spans still buffered; called last at shutdown. */
export async function stopTracing(): Promise<void> {
  await sdk?.shutdown();
  sdk = undefined;
}

/** BullMQ's telemetry option for queues and workers, when tracing is on. */
export function bullTelemetry(): BullMQOtel | undefined {
  return sdk ? new BullMQOtel({ tracerName: 'xinfang' }) : undefined;
}

/** The active trace context as W3C headers (traceparent), to store with an outbox message. */
export function currentTraceContext(): string | null {
  if (!sdk) return null;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ? JSON.stringify(carrier) : null;
}

/** Runs work in the trace context stored with a message (or in none). */
export function withTraceContext<T>(stored: string | null, work: () => T): T {
  if (!sdk || !stored) return work();
  const parent: Context = propagation.extract(ROOT_CONTEXT, JSON.parse(stored) as object);
  return context.with(parent, work);
}
