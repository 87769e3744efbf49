import { randomInt } from "node:crypto";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { type ApiClient, apiAs } from "./harness/api.ts";
import { useDemo } from "./harness/demo.ts";
import { signIn } from "./harness/sign-in.ts";

const demo = useDemo();

/** The board's column of a state, by the heading a person reads. */
const column = (page: Page, state: string): Locator => page.getByRole("region", { name: state, exact: true });

/** A card on the board, by its record's title. */
const card = (scope: Page | Locator, title: string): Locator => {
  const page = "page" in scope ? scope.page() : scope;
  return scope.getByRole("article").filter({ has: page.getByRole("link", { name: title, exact: true }) });
};

/** How many records a column says it holds ("12 records", read by screen readers beside the badge). */
async function columnCount(page: Page, state: string): Promise<number> {
  const text = await column(page, state)
    .getByText(/^\d+ records?$/)
    .innerText();
  return Number(text.split(" ")[0]);
}

/**
 * Picks a card up with the mouse, as a person does: presses on its title and
 * moves a little. (Playwright's `dragTo` jumps to the target in one move,
 * which starts no HTML drag in this Chromium.)
 */
async function pickUp(page: Page, what: Locator): Promise<void> {
  await what.scrollIntoViewIfNeeded();
  const from = (await what.getByRole("heading").boundingBox())!;
  await page.mouse.move(from.x + 8, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 24, from.y + from.height / 2 + 12, { steps: 4 });
}

/** Moves the card in hand over a column's heading, in steps. */
async function holdOver(page: Page, to: Locator): Promise<void> {
  const target = (await to.getByRole("heading", { level: 2 }).boundingBox())!;
  await page.mouse.move(target.x + 24, target.y + target.height / 2, { steps: 12 });
}

/** Drags a card onto a column and lets go. */
async function drag(page: Page, what: Locator, to: Locator): Promise<void> {
  await to.getByRole("heading", { level: 2 }).scrollIntoViewIfNeeded();
  await pickUp(page, what);
  await holdOver(page, to);
  await page.mouse.up();
}

/** The state the opportunity's pipeline is in now, as the API says. */
async function pipelineState(api: ApiClient, id: string): Promise<string> {
  const { processes } = (await api.get(`/records/opportunity/${id}/process`)) as {
    processes: Array<{ process: string; state: string }>;
  };
  return processes.find((p) => p.process === "opportunity_pipeline")!.state;
}

/** Creates an opportunity of one of the rep's customers, in prospecting, and fires the events given after. */
async function opportunity(api: ApiClient, name: string, amount: number, events: string[] = []): Promise<string> {
  const { records } = (await api.get("/records/customer?limit=1")) as { records: Array<{ id: string }> };
  const created = (await api.post("/records/opportunity", {
    name,
    customer: records[0]!.id,
    amount,
    expected_close: "2027-06-30",
  })) as { id: string };
  for (const type of events) await api.post(`/records/opportunity/${created.id}/events`, { type });
  return created.id;
}

describe("the opportunity pipeline board", () => {
  it("the rep drags a card to the next stage, a refused move stays or springs back with the reason, and Move to works from the keyboard", async () => {
    const rep = await apiAs(demo.url, "rep");
    const n = randomInt(1000, 9999);
    const dragged = `Board drag ${n}`;
    const unpriced = `Board unpriced ${n}`;
    const keyed = `Board keyboard ${n}`;
    const cleared = `Board cleared ${n}`;
    const draggedId = await opportunity(rep, dragged, 350_000);
    const unpricedId = await opportunity(rep, unpriced, 0, ["qualify", "analyze_needs"]);
    const keyedId = await opportunity(rep, keyed, 120_000);
    const clearedId = await opportunity(rep, cleared, 80_000, ["qualify", "analyze_needs"]);

    const visit = await demo.visit();
    const { page } = visit;
    await signIn(visit, "rep", "/boards/opportunity/pipeline");
    // Dragging needs the page's scripts: wait until they have loaded and taken over the page.
    await page.waitForLoadState("networkidle");
    expect(await page.locator("h1").innerText()).toBe("Pipeline");
    const prospecting = column(page, "Prospecting");
    const qualification = column(page, "Qualification");
    await card(prospecting, dragged).waitFor();
    const before = await columnCount(page, "Qualification");
    await visit.shot("the rep's pipeline board");

    // Dragged to the next stage: "Qualify" fires, and the card stays there once the page is loaded anew.
    await drag(page, card(prospecting, dragged), qualification);
    await page
      .getByRole("status")
      .filter({ hasText: `${dragged} moved to Qualification.` })
      .waitFor();
    await visit.shot("the card dropped on Qualification");
    await page.reload({ waitUntil: "networkidle" });
    await card(qualification, dragged).waitFor();
    expect(await card(prospecting, dragged).count()).toBe(0);
    expect(await columnCount(page, "Qualification")).toBe(before + 1);
    expect(await pipelineState(rep, draggedId)).toBe("qualification");
    expect((await rep.get(`/records/opportunity/${draggedId}`)).stage).toBe("qualification");
    await visit.shot("after a reload, the card is in Qualification");

    // Dropped on a column no event leads to from its stage, the card stays and the board says so.
    const proposal = column(page, "Proposal");
    await drag(page, card(qualification, dragged), proposal);
    const alert = page.getByRole("alert");
    await alert.filter({ hasText: "Nothing you may do moves a card from Qualification to Proposal." }).waitFor();
    expect(await card(proposal, dragged).count()).toBe(0);
    await card(qualification, dragged).waitFor();
    await visit.shot("dropped where no event leads");
    await alert.getByRole("button", { name: "Dismiss" }).click();
    await alert.waitFor({ state: "detached" });

    // A proposal needs an amount. Picked up, the card shows where it may go and where not, with why.
    const needsAnalysis = column(page, "Needs analysis");
    await proposal.getByRole("heading", { level: 2 }).scrollIntoViewIfNeeded();
    await pickUp(page, card(needsAnalysis, unpriced));
    await holdOver(page, proposal);
    await proposal.getByText("Needs an amount greater than zero.").waitFor();
    expect(await column(page, "Qualification").getByText("Drop here").isVisible()).toBe(true);
    await visit.shot("while the card is dragged, Proposal says why it may not go there");
    // Dropped there all the same, it stays where it is and the board says why, in its alert (read out too).
    await page.mouse.up();
    await alert.waitFor();
    expect(await alert.innerText()).toContain(
      `${unpriced} stays in Needs analysis: Needs an amount greater than zero.`,
    );
    expect(await card(proposal, unpriced).count()).toBe(0);
    await card(needsAnalysis, unpriced).waitFor();
    expect(await pipelineState(rep, unpricedId)).toBe("needs_analysis");
    await visit.shot("the refused drop, with the reason");
    await alert.getByRole("button", { name: "Dismiss" }).click();
    await alert.waitFor({ state: "detached" });

    // Picked up while it had an amount, cleared in another tab before the drop: the server refuses, the card
    // goes back to its column, and the board gives the process's reason.
    await pickUp(page, card(needsAnalysis, cleared));
    await holdOver(page, proposal);
    await proposal.getByText("Drop here").waitFor();
    const otherTab = await demo.visit();
    await signIn(otherTab, "rep", `/opportunity/${clearedId}/edit`);
    await otherTab.page.getByLabel("Amount").fill("0");
    await Promise.all([
      otherTab.page.waitForURL(`**/opportunity/${clearedId}`),
      otherTab.page.getByRole("button", { name: "Save" }).click(),
    ]);
    await page.mouse.up();
    await alert.waitFor();
    expect(await alert.innerText()).toContain(`${cleared} stays in Needs analysis: Needs an amount greater than zero.`);
    // The crossfade back takes a moment: wait until the copy in Proposal is gone.
    await card(proposal, cleared).waitFor({ state: "detached" });
    // The board shows the record as it is now: its amount cleared.
    await card(needsAnalysis, cleared).getByText("CN¥0.00").waitFor();
    expect(await pipelineState(rep, clearedId)).toBe("needs_analysis");
    await visit.shot("the move the server refused springs back, with the reason");
    await alert.getByRole("button", { name: "Dismiss" }).click();

    // From the keyboard: "Move to" lists where the card may go, and moves it as a drop would. (Its record stays
    // open: the other end-to-end files work on the rep's newest opportunities.)
    await card(prospecting, keyed)
      .getByRole("button", { name: `Move to ${keyed}` })
      .focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: `Move ${keyed} to another column` });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Lost" }).waitFor();
    expect(await dialog.getByRole("button").allInnerTexts()).toEqual(["Qualification", "Lost", "Cancel"]);
    await expect.poll(() => page.locator(":focus").innerText()).toBe("Qualification");
    await visit.shot("Move to lists the columns");
    // Losing the deal would ask for the reason first; Escape closes the dialog and the focus goes back to the card.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    const losing = page.getByRole("dialog", { name: `Move ${keyed} to Lost` });
    await losing.waitFor();
    expect(await losing.innerText()).toContain("Mark as lost");
    expect(await losing.getByRole("textbox", { name: "Reason (required)" }).isVisible()).toBe(true);
    await visit.shot("moving to Lost asks for the reason");
    await page.keyboard.press("Escape");
    await losing.waitFor({ state: "hidden" });
    await expect.poll(() => page.locator(":focus").innerText()).toBe(keyed);
    await card(prospecting, keyed)
      .getByRole("button", { name: `Move to ${keyed}` })
      .focus();
    await page.keyboard.press("Enter");
    await dialog.getByRole("button", { name: "Qualification" }).waitFor();
    await page.keyboard.press("Enter");
    await page
      .getByRole("status")
      .filter({ hasText: `${keyed} moved to Qualification.` })
      .waitFor();
    await card(qualification, keyed).waitFor();
    await card(prospecting, keyed).waitFor({ state: "detached" });
    expect(await pipelineState(rep, keyedId)).toBe("qualification");
    // The focus comes back to the card that moved, so the keyboard user goes on from there.
    await expect.poll(() => page.locator(":focus").innerText()).toBe(keyed);
    await visit.shot("the card moved to Qualification from the keyboard");
  });
});
