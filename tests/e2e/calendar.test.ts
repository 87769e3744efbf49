import { randomInt } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { apiAs } from "./harness/api.ts";
import { useDemo } from "./harness/demo.ts";
import { signIn } from "./harness/sign-in.ts";

const demo = useDemo();

/** The demo app's time zone (app.json), in which the calendar lays out days. */
const zone = "Asia/Shanghai";
const dayMs = 86_400_000;

/** The day (`2026-11-23`) an instant falls on in the app's time zone. */
const dayOf = (instant: Date | string): string =>
  new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(instant),
  );
const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * dayMs).toISOString().slice(0, 10);
/** The Sunday a week starts on in English. */
const sundayOf = (day: string): string => addDays(day, -new Date(`${day}T00:00:00Z`).getUTCDay());
/** Midnight of a day in the app's time zone (which keeps no daylight saving time). */
const midnight = (day: string): string => `${day}T00:00:00+08:00`;
/** A day as the calendar names it to a person: "Tuesday, November 24, 2026". */
const dayName = (day: string): string =>
  new Intl.DateTimeFormat("en", { dateStyle: "full", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
const monthName = (day: string): string =>
  new Intl.DateTimeFormat("en", { year: "numeric", month: "long", timeZone: "UTC" }).format(
    new Date(`${day}T00:00:00Z`),
  );

/** The month view's cell of a day, by its number's link ("Tuesday, November 24, 2026: 3 items"). */
const monthCell = (page: Page, day: string) =>
  page.locator("table.month td").filter({ has: page.getByRole("link", { name: `${dayName(day)}:` }) });

/** The week view's column of a day. */
const weekColumn = (page: Page, day: string) => page.getByRole("list", { name: dayName(day), exact: true });

interface Item {
  id: string;
  title: string;
  starts_at: string;
}

describe("the calendar", () => {
  it("the rep sees his schedule by month and by week, moves between periods and opens an item's record", async () => {
    const rep = await apiAs(demo.url, "rep");
    const me = (await rep.get("/me")) as { id: string };
    const today = dayOf(new Date());

    // An item of his own on the 10th of next month, early in the day so that the month's cell shows it first.
    const nextMonth = addDays(`${today.slice(0, 8)}01`, 40).slice(0, 8) + "10";
    const title = `Plant tour with the buyer ${randomInt(1000, 9999)}`;
    const created = (await rep.post("/records/schedule_item", {
      title,
      kind: "meeting",
      starts_at: `${nextMonth}T07:00:00+08:00`,
      ends_at: `${nextMonth}T08:30:00+08:00`,
      assignee: me.id,
      location: "Suzhou plant, hall 2",
    })) as { id: string };

    // The seeded schedule: what the rep planned for the coming days.
    const upcoming = (await rep.get(
      `/records/schedule_item?${new URLSearchParams({
        "assignee.eq": me.id,
        "starts_at.gte": new Date().toISOString(),
        "title.ne": title,
        sort: "starts_at",
        limit: "1",
      })}`,
    )) as { records: Item[] };
    expect(upcoming.records.length, "the demo plans the rep's coming days").toBe(1);
    const seeded = upcoming.records[0]!;
    const seededDay = dayOf(seeded.starts_at);
    const week = sundayOf(seededDay);
    const ofWeek = (await rep.get(
      `/records/schedule_item?${new URLSearchParams({
        "assignee.eq": me.id,
        "starts_at.gte": midnight(week),
        "starts_at.lt": midnight(addDays(week, 7)),
        sort: "starts_at",
        limit: "100",
      })}`,
    )) as { records: Item[] };
    const timers = (await rep.get(
      `/timers?${new URLSearchParams({ from: midnight(week), to: midnight(addDays(week, 7)) })}`,
    )) as { timers: Array<{ title: string | null; dueAt: string }> };

    const visit = await demo.visit();
    const { page } = visit;
    await signIn(visit, "rep", "/calendar");
    expect(await page.locator("h1").innerText()).toBe(monthName(today));

    // The month of the seeded item: its day's number says how many items the rep has there, its own among them.
    if (!(await monthCell(page, seededDay).count())) {
      await page.getByRole("link", { name: "Next month" }).click();
      await page
        .locator("h1")
        .filter({ hasText: monthName(seededDay) })
        .waitFor();
    }
    const dayLink = monthCell(page, seededDay).getByRole("link", { name: `${dayName(seededDay)}:` });
    expect(await dayLink.innerText()).toBe(String(Number(seededDay.slice(8))));
    const counted = Number(/: (\d+) items$/.exec((await dayLink.getAttribute("aria-label")) ?? "")?.[1]);
    expect(counted).toBeGreaterThanOrEqual(ofWeek.records.filter((r) => dayOf(r.starts_at) === seededDay).length);
    await visit.shot("the month of the rep's next planned item");

    // Its week, opened from the day's number: every item the rep has that week is on its day, timers too.
    await Promise.all([page.waitForURL((url) => url.searchParams.get("view") === "week"), dayLink.click()]);
    await weekColumn(page, seededDay).waitFor();
    for (const item of ofWeek.records)
      expect(
        await weekColumn(page, dayOf(item.starts_at)).getByRole("link").filter({ hasText: item.title }).count(),
        item.title,
      ).toBeGreaterThan(0);
    for (const timer of timers.timers.filter((t) => t.title))
      expect(await weekColumn(page, dayOf(timer.dueAt)).innerText(), `the timer of ${timer.title}`).toContain(
        timer.title,
      );
    await visit.shot("the week of the rep's next planned item", { fullPage: true });

    // The item created for next month: in the month view on its day, then in its week with its time and kind.
    await page.getByRole("link", { name: "Month", exact: true }).click();
    await page
      .locator("h1")
      .filter({ hasText: monthName(seededDay) })
      .waitFor();
    if (monthName(seededDay) !== monthName(nextMonth)) await page.getByRole("link", { name: "Next month" }).click();
    await page
      .locator("h1")
      .filter({ hasText: monthName(nextMonth) })
      .waitFor();
    const cell = monthCell(page, nextMonth);
    const inMonth = await cell.getByRole("link", { name: title }).innerText();
    expect(inMonth).toMatch(/^7:00\sAM\s/);
    expect(inMonth).toContain(title);
    await visit.shot("next month, with the new item on the 10th");

    await cell.getByRole("link", { name: `${dayName(nextMonth)}:` }).click();
    const item = weekColumn(page, nextMonth).getByRole("link").filter({ hasText: title });
    await item.waitFor();
    expect(await item.innerText()).toMatch(/7:00\sAM/);
    expect(await item.innerText()).toContain("Meeting");
    await visit.shot("the week of the new item");

    // A week later it is gone; back again, it is there.
    await page.getByRole("link", { name: "Next week" }).click();
    await weekColumn(page, addDays(nextMonth, 7)).waitFor();
    expect(await page.getByRole("link").filter({ hasText: title }).count()).toBe(0);
    await page.getByRole("link", { name: "Previous week" }).click();
    await item.waitFor();

    await Promise.all([page.waitForURL(`**/schedule_item/${created.id}`), item.click()]);
    expect(await page.locator("h1").innerText()).toBe(title);
    expect(await page.locator("main").innerText()).toContain("Suzhou plant, hall 2");
    await visit.shot("the item's record");
  });
});
