import type { RecordValues, StepRunContext } from "@temper/plugin-sdk";

/** Who a message goes to: a contact (with the customer it belongs to) or a customer itself. */
export interface Recipient {
  entity: "contact" | "customer";
  record: RecordValues;
  contact?: RecordValues;
  customer?: RecordValues;
}

/**
 * The recipient a step's `to` names: `"contact"` and `"customer"` are the
 * record's fields of those names (or the record itself when it is one);
 * another name is a reference field of the record, to the entity `recipient`
 * says (a contact unless told). Null when that field is empty.
 *
 * @example
 * await resolveRecipient(ctx, "contact"); // the quote's contact, with its customer
 */
export async function resolveRecipient(
  ctx: StepRunContext,
  to: string,
  recipient?: "contact" | "customer",
): Promise<Recipient | null> {
  const entity = recipient ?? (to === "customer" ? "customer" : "contact");
  const id = ctx.entity === entity && to === entity ? String(ctx.record.id) : ctx.record[to];
  if (typeof id !== "string" || id === "") return null;
  return recipientOf(ctx, entity, await ctx.records.get(entity, id));
}

/** A contact or customer record as a recipient, with the customer it belongs to. */
export async function recipientOf(
  ctx: StepRunContext,
  entity: "contact" | "customer",
  record: RecordValues,
): Promise<Recipient> {
  if (entity === "customer") return { entity, record, customer: record };
  const customerId = record.customer;
  const customer = typeof customerId === "string" ? await ctx.records.get("customer", customerId) : undefined;
  return { entity, record, contact: record, customer };
}

/** Fields a contact entity may carry that the plugin honours; a workspace without them sends to everyone. */
export const optOutFields = { email: "email_opt_out", sms: "sms_opt_out", marketing: "unsubscribed" } as const;

/**
 * Why a recipient gets nothing on a channel, or null: the channel's opt-out,
 * and for bulk (marketing) sends also the marketing unsubscribe.
 *
 * @example
 * optedOut(recipient, "email", { bulk: true }); // "opted out of email" | "unsubscribed from marketing" | null
 */
export function optedOut(recipient: Recipient, channel: "email" | "sms", options: { bulk: boolean }): string | null {
  if (recipient.record[optOutFields[channel]] === true) return `opted out of ${channel === "sms" ? "SMS" : "email"}`;
  if (options.bulk && recipient.record[optOutFields.marketing] === true) return "unsubscribed from marketing";
  return null;
}

/** The address a channel reaches the recipient at: the email, or the mobile (else the phone). */
export function addressOf(recipient: Recipient, channel: "email" | "sms"): string | null {
  const values = channel === "email" ? [recipient.record.email] : [recipient.record.mobile, recipient.record.phone];
  const found = values.find((v) => typeof v === "string" && v.trim() !== "");
  return typeof found === "string" ? found : null;
}
