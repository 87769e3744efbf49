import type { RecordData } from "../records/values.ts";
import { addDays, atLocal, daysAfter, inOfficeHours, localDate } from "./calendar.ts";
import { current, fire, nextNumber, person, type World } from "./world.ts";

/** How a customer pays an installment. */
type Habit = "on_time" | "partly" | "late" | "extended" | "unpaid";

/** The installments of a contract: share of the value, due date, and what it is for. */
function installments(contract: RecordData): Array<{ share: number; due: string; label: string }> {
  const signed = String(contract.signed_on).slice(0, 10);
  const start = String(contract.start_date);
  if (contract.contract_type === "service_agreement")
    return [0, 3, 6, 9].map((months, i) => ({
      share: 0.25,
      due: addDays(start, months * 30),
      label: `quarter ${i + 1}`,
    }));
  return [
    { share: 0.3, due: addDays(signed, 10), label: "advance" },
    { share: 0.6, due: addDays(start, 30), label: "on delivery" },
    { share: 0.1, due: addDays(start, 100), label: "after acceptance" },
  ];
}

/**
 * The payment plan of a signed contract and its installments, generated
 * from the contract by the system (each installment starts the collection
 * process), owned by the contract's rep; finance then invoices each
 * installment near its due date, and the customer pays it on time, in
 * part, late, after a new due date, or not at all.
 *
 * @example
 * await createPaymentPlan(world, contract);
 */
export async function createPaymentPlan(world: World, contract: RecordData): Promise<void> {
  const parts = installments(contract);
  const value = Number(contract.value);
  const owner = String(contract.owner);
  const plan = await world.records.create(world.system, "payment_plan", {
    name: `${String(contract.number)} payment plan`,
    contract: contract.id,
    customer: contract.customer,
    total: value,
    installments: parts.length,
    frequency: contract.contract_type === "service_agreement" ? "quarterly" : "milestone",
    first_due_date: parts[0]!.due,
    status: "active",
    owner,
  });
  let left = value;
  const payments = await world.records.createMany(
    world.system,
    "payment",
    parts.map((part, i) => {
      const amount = i === parts.length - 1 ? left : Math.round(value * part.share * 100) / 100;
      left = Math.round((left - amount) * 100) / 100;
      return {
        name: `${String(contract.number)} · ${i + 1}/${parts.length} ${part.label}`,
        payment_plan: plan.id,
        contract: contract.id,
        customer: contract.customer,
        installment_no: i + 1,
        due_date: part.due,
        amount,
        owner,
      };
    }),
  );
  const open = { count: payments.length };
  for (const payment of payments) {
    const id = String(payment.id);
    world.owners.set(id, owner);
    const invoiceOn = addDays(String(payment.due_date), -world.random.int(0, 7));
    world.agenda.at(inOfficeHours(atLocal(invoiceOn, world.random.float(9.5, 11.5))), "payment.invoice", () =>
      invoice(world, id, String(plan.id), open),
    );
  }
}

async function invoice(world: World, id: string, plan: string, open: { count: number }): Promise<void> {
  const { random } = world;
  const finance = person(world, random.pick(["finance", "qian.wen"]));
  const today = localDate(world.clock.now());
  const number = `FP${today.replaceAll("-", "")}${String(nextNumber(world, "invoice")).padStart(4, "0")}`;
  const { record } = await fire(world, finance, "payment", id, "issue_invoice", { invoice_no: number });
  const amount = Number(record.amount);
  const habit = random.weighted<Habit>({ on_time: 67, partly: 8, late: 9, extended: 4, unpaid: 12 });
  const pay = (days: number, share = 1) =>
    world.agenda.at(inOfficeHours(daysAfter(world.clock.now(), days), random.int(0, 300)), "payment.pay", async () => {
      const before = await current(world, "payment", id);
      const due = Math.round((Number(before.amount) - Number(before.paid_amount)) * 100) / 100;
      const paid = await fire(
        world,
        person(world, random.pick(["finance", "qian.wen"])),
        "payment",
        id,
        "record_payment",
        {
          amount: share === 1 ? due : Math.round(amount * share * 100) / 100,
          paid_on: localDate(world.clock.now()),
          method: random.weighted({ bank_transfer: 80, bank_acceptance: 15, letter_of_credit: 5 }),
        },
      );
      if (paid.state === "paid" && --open.count === 0) await completePlan(world, plan);
    });
  if (habit === "on_time") pay(random.float(3, 27));
  else if (habit === "partly") {
    pay(random.float(8, 20), 0.5);
    pay(random.float(22, 45));
  } else if (habit === "late") pay(random.float(33, 58));
  else if (habit === "extended") {
    world.agenda.at(inOfficeHours(daysAfter(world.clock.now(), random.float(31, 34))), "payment.extend", async () => {
      const dueDate = addDays(localDate(world.clock.now()), 21);
      await fire(world, person(world, "finance"), "payment", id, "extend", {
        due_date: dueDate,
        reason: "Customer asked for three more weeks; confirmed by the sales manager.",
      });
    });
    pay(random.float(40, 55));
  } else if (amount < 50_000 && random.chance(0.5))
    world.agenda.at(inOfficeHours(daysAfter(world.clock.now(), random.float(75, 90))), "payment.write_off", () =>
      fire(world, person(world, "finance"), "payment", id, "write_off", {
        reason: "Customer disputes the amount; written off after legal review.",
      }),
    );
}

async function completePlan(world: World, id: string): Promise<void> {
  const plan = await current(world, "payment_plan", id);
  await world.records.update(
    person(world, "finance"),
    "payment_plan",
    id,
    { status: "completed" },
    Number(plan.version),
  );
}
