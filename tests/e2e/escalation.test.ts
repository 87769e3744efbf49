import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { advanceClock, apiAs } from "./harness/api.ts";
import { useDemo } from "./harness/demo.ts";
import { signIn } from "./harness/sign-in.ts";

const demo = useDemo();

describe("complaint escalation on the test clock", () => {
  it("a complaint nobody takes up within 24 hours shows in the supervisor's notifications as escalated", async () => {
    const rep = await apiAs(demo.url, "rep");
    const { records } = (await rep.get("/records/customer?limit=1")) as { records: Array<{ id: string }> };
    const subject = `Coolant leak on lathe CK-${randomInt(1000, 9999)}`;
    const complaint = (await rep.post("/records/complaint", {
      subject,
      customer: records[0]!.id,
      severity: "major",
      category: "product_quality",
      description: "The coolant pump of the lathe leaks after two days of use.",
    })) as { id: string; status: string };
    expect(complaint.status).toBe("open");
    const escalated = `Complaint escalated to the service supervisor: ${subject} (severity Major).`;

    const visit = await demo.visit();
    const { page } = visit;
    await signIn(visit, "supervisor", "/notifications");
    const list = page.locator("main");
    // Notifications are delivered from the outbox, just after the complaint's transaction: the page may come first.
    const arrived = `${subject} (severity Major). It must be taken up within 24 hours.`;
    await expect
      .poll(
        async () => {
          if ((await list.innerText()).includes(arrived)) return true;
          await page.reload();
          return false;
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    expect(await list.innerText()).not.toContain(escalated);
    await visit.shot("notifications on arrival");

    const advanced = (await advanceClock(demo.url, "PT25H")) as {
      timers: { fired: number; failed: number };
      pending: number;
    };
    expect(advanced.timers.fired).toBeGreaterThan(0);
    expect(advanced.pending).toBe(0);

    await page.reload();
    const notice = page.getByRole("link", { name: escalated });
    await notice.waitFor({ timeout: 5_000 });
    await visit.shot("notifications 25 hours later");

    await Promise.all([page.waitForURL(`**/complaint/${complaint.id}`), notice.click()]);
    const record = await page.locator("main").innerText();
    expect(record).toContain(subject);
    expect(record).toContain("Escalated to supervisor");
    await visit.shot("the escalated complaint");
  });
});
