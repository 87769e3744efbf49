import type { PluginSettings } from "@temper/plugin-sdk";

const httpUrl = { type: "string", format: "uri", pattern: "^https?://" };

/**
 * The webhook plugin's settings per workspace: the default receiver `url`,
 * the `secret` every call is signed with (never shown again once set), and
 * optional named `endpoints` (name → URL, signed with the same secret) that a
 * step picks with `{ "endpoint": "<name>" }`.
 *
 * @example
 * { "url": "https://erp.example.com/temper", "secret": "…at least 16 characters…",
 *   "endpoints": { "billing": "https://billing.example.com/hooks/temper" } }
 */
export const webhookSettings: PluginSettings = {
  schema: {
    type: "object",
    required: ["url", "secret"],
    properties: {
      url: { ...httpUrl, description: "Where a call without an endpoint goes." },
      secret: {
        type: "string",
        minLength: 16,
        description: "The HMAC-SHA256 key of X-Temper-Signature, shared with the receivers.",
      },
      endpoints: {
        type: "object",
        description: "Other receivers by name, for steps that give an endpoint.",
        propertyNames: { pattern: "^[a-z][a-z0-9_]*$" },
        additionalProperties: httpUrl,
      },
    },
    additionalProperties: false,
  },
  secrets: ["secret"],
};

/** Where one call goes and what signs it. */
export interface WebhookTarget {
  url: URL;
  secret: string;
  /** How the timeline and errors name the receiver: its endpoint and host, never its path (it may hold a token). */
  name: string;
}

/**
 * The receiver of a call from the workspace's settings: the named endpoint,
 * or the default URL. Throws, naming what is missing, when the settings do
 * not say (the outbox then retries: setting them in time still delivers).
 *
 * @example
 * targetOrThrow({ url: "https://a.example/x", secret: "…" }, "billing"); // throws: no endpoint "billing"
 */
export function targetOrThrow(settings: Record<string, unknown>, endpoint: string | undefined): WebhookTarget {
  const { secret } = settings;
  if (typeof secret !== "string" || typeof settings.url !== "string")
    throw new Error("the webhook plugin is not set up in this workspace: set its url and secret");
  if (endpoint === undefined) {
    const url = new URL(settings.url);
    return { url, secret, name: url.host };
  }
  const endpoints = (settings.endpoints ?? {}) as Record<string, unknown>;
  const named = Object.hasOwn(endpoints, endpoint) ? endpoints[endpoint] : undefined;
  if (typeof named !== "string") throw new Error(`the webhook settings have no endpoint "${endpoint}"`);
  const url = new URL(named);
  return { url, secret, name: `${endpoint} (${url.host})` };
}
