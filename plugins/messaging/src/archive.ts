import type { RecordValues, StepRunContext } from "@temper/plugin-sdk";
import type { Recipient } from "./recipient.ts";

/** A message as archived: what was sent, to whom, and what the server said. */
export interface SentMessage {
  channel: "email" | "sms";
  recipient: Recipient;
  address: string;
  subject: string;
  body: string;
  status: string;
  idempotencyKey: string;
}

const keyLine = (key: string) => `Idempotency key: ${key}`;

/**
 * The activity that archives a send with this idempotency key, if any: a
 * retry after the send went out but before it was archived does not send
 * twice.
 */
export async function archivedOf(ctx: StepRunContext, idempotencyKey: string): Promise<RecordValues | undefined> {
  const [found] = await ctx.records.list("activity", { "notes.contains": keyLine(idempotencyKey), limit: "1" });
  return found;
}

/**
 * Archives a sent message as an activity (kind `email`, or `note` for an
 * SMS) linked to the customer, the contact and the process's opportunity or
 * lead, with the delivery status in its notes.
 *
 * @example
 * await archive(ctx, { channel: "email", recipient, address, subject, body, status: "250 OK", idempotencyKey });
 */
export async function archive(ctx: StepRunContext, sent: SentMessage): Promise<RecordValues> {
  const channel = sent.channel === "email" ? "Email" : "SMS";
  const links: RecordValues = {};
  if (sent.recipient.customer) links.customer = sent.recipient.customer.id;
  if (sent.recipient.contact) links.contact = sent.recipient.contact.id;
  for (const field of ["opportunity", "lead"] as const) {
    const id = ctx.entity === field ? ctx.record.id : ctx.record[field];
    if (typeof id === "string") links[field] = id;
  }
  const notes = [
    `${channel} to ${sent.address}`,
    `Delivery status: sent (${sent.status})`,
    keyLine(sent.idempotencyKey),
    "",
    sent.body,
  ].join("\n");
  return ctx.records.create("activity", {
    subject: `${channel}: ${sent.subject}`.slice(0, 200),
    kind: sent.channel === "email" ? "email" : "note",
    occurred_at: ctx.now().toISOString(),
    notes: notes.slice(0, 10_000),
    ...links,
  });
}
