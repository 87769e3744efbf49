import { appendFile } from "node:fs/promises";
import type { MessagingSettings } from "./settings.ts";

/** An SMS ready to go. */
export interface Sms {
  to: string;
  body: string;
  idempotencyKey: string;
}

/** Where SMS go: one provider per gateway; it throws when the gateway refuses. */
export interface SmsProvider {
  send(sms: Sms, signal: AbortSignal): Promise<{ id: string; status: string }>;
}

/**
 * The development provider: each message is a JSON line in a file
 * (`{ "to", "body", "idempotencyKey", "at" }`).
 *
 * @example
 * await fileProvider("/tmp/sms.jsonl", () => new Date()).send({ to: "+86 138 0000 0000", body: "Hi", idempotencyKey: "k" }, signal);
 */
export function fileProvider(path: string, now: () => Date): SmsProvider {
  return {
    async send(sms, signal) {
      signal.throwIfAborted();
      await appendFile(path, `${JSON.stringify({ ...sms, at: now().toISOString() })}\n`);
      return { id: sms.idempotencyKey, status: `written to ${path}` };
    },
  };
}

/** The provider the settings name, or an error saying what to set. */
export function smsProviderOrThrow(settings: MessagingSettings, now: () => Date): SmsProvider {
  const sms = settings.sms;
  if (!sms) throw new Error("the messaging settings have no sms provider");
  return fileProvider(sms.path, now);
}
