import { defineStep, type RecordValues } from "@temper/plugin-sdk";
import { targetOrThrow } from "./settings.ts";
import { signatureOf } from "./signature.ts";

/** The params of `webhook.post`. */
export interface PostParams {
  /** What happened, as receivers switch on it: `quote.accepted`. */
  event: string;
  /** A named endpoint of the settings; the default `url` without it. */
  endpoint?: string;
  /** Overrides of the process and the state the body names (by default the calling process and the state entered). */
  process?: string;
  state?: string;
}

/** What `webhook.post` sends, as JSON: the body the signature covers. */
export interface WebhookBody {
  event: string;
  process: string;
  state: string;
  entity: string;
  /** The record as the transition left it, its state field showing the state entered. */
  record: RecordValues;
  /** When this call was made (ISO 8601): signed, so a receiver can refuse an old call replayed. */
  at: string;
  /** The idempotency key: the same on every retry of one call. */
  key: string;
}

const name = { type: "string", pattern: "^[a-z][a-z0-9_]*$", maxLength: 63 };

/** The reason a fetch failed: undici hides it in `cause` ("connect ECONNREFUSED …"). */
function reasonOf(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * `webhook.post`: POSTs the event, the record and the call's idempotency key
 * as JSON to the workspace's receiver (or a named endpoint), signed with
 * HMAC-SHA256 of the raw body under the settings' secret. A network error or
 * an answer other than 2xx fails the call: the outbox retries it with
 * backoff, with the same `Idempotency-Key`, up to 10 times. Each delivery is
 * noted on the record's timeline with the status and how long it took.
 *
 * @example
 * { "type": "webhook.post", "params": { "event": "quote.accepted" } }
 */
export const post = defineStep<PostParams, { status: number; durationMs: number }>({
  name: "post",
  description:
    "POSTs the event and the record as signed JSON to the workspace's webhook receiver, after the transition commits; retried with backoff.",
  mode: "outbox",
  timeoutMs: 10_000,
  retry: { attempts: 10 },
  params: {
    type: "object",
    required: ["event"],
    properties: {
      event: {
        type: "string",
        pattern: "^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$",
        maxLength: 100,
        description: "What happened, as receivers switch on it: quote.accepted.",
      },
      endpoint: { ...name, description: "A named endpoint of the plugin's settings; the default url without it." },
      process: { ...name, description: "The process the body names; by default the process calling the step." },
      state: { ...name, description: "The state the body names; by default the state the transition enters." },
    },
    additionalProperties: false,
  },
  output: {
    type: "object",
    required: ["status", "durationMs"],
    properties: { status: { type: "integer" }, durationMs: { type: "integer" } },
  },
  async run(ctx, params) {
    const target = targetOrThrow(ctx.settings, params.endpoint);
    const at = ctx.now();
    const payload: WebhookBody = {
      event: params.event,
      process: params.process ?? ctx.process.name,
      state: params.state ?? ctx.process.state,
      entity: ctx.entity,
      record: { ...ctx.record },
      at: at.toISOString(),
      key: ctx.idempotencyKey,
    };
    const body = JSON.stringify(payload);
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let response: Response;
    try {
      response = await fetch(target.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "Temper-Webhook/1.0",
          "x-temper-event": params.event,
          "x-temper-signature": signatureOf(target.secret, body),
          "x-temper-timestamp": String(Math.floor(at.getTime() / 1000)),
          "idempotency-key": ctx.idempotencyKey,
        },
        body,
        signal: ctx.signal,
        // A redirected POST may turn into a GET elsewhere: a 3xx is a failure to fix in the settings.
        redirect: "manual",
      });
    } catch (error) {
      throw new Error(`POST to ${target.name} failed after ${elapsed()} ms: ${reasonOf(error)}`, {
        cause: error,
      });
    }
    const durationMs = elapsed();
    if (!response.ok) {
      const text = (await response.text().catch(() => "")).trim().slice(0, 200);
      throw new Error(`${target.name} answered ${response.status} in ${durationMs} ms${text ? `: ${text}` : ""}`);
    }
    // The answer's body is not needed; dropping it frees the connection.
    await response.body?.cancel();
    ctx.timeline(`webhook ${params.event} delivered to ${target.name}: ${response.status} in ${durationMs} ms`);
    return { status: response.status, durationMs };
  },
});
