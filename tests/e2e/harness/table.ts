/// <reference lib="dom" />
// Parts of this module run in the page (page.evaluate), with the DOM's types.
import type { Page } from "playwright-core";

/**
 * The rows of the first table in the page's main area as a person reads
 * them: the visible text of each cell under its column header.
 *
 * @example
 * const rows = await tableRows(page); // [{ "Company name": "Hanwha Machinery", Owner: "Li Wei", … }]
 */
export async function tableRows(page: Page): Promise<Array<Record<string, string>>> {
  const table = page.locator("main table").first();
  await table.waitFor();
  return table.evaluate((element) => {
    const text = (cell: Element) => (cell as HTMLElement).innerText.replace(/[▲▼]/g, "").trim();
    const headers = [...element.querySelectorAll("thead th")].map(text);
    return [...element.querySelectorAll("tbody tr")]
      .map((row) => [...row.querySelectorAll("td")])
      .filter((cells) => cells.length === headers.length)
      .map((cells) => Object.fromEntries(cells.map((cell, i) => [headers[i]!, text(cell)])));
  });
}

/**
 * The column headers of the first table in the page's main area.
 *
 * @example
 * await columnHeaders(page); // ["Company name", "Sales region", …]
 */
export async function columnHeaders(page: Page): Promise<string[]> {
  const table = page.locator("main table").first();
  await table.waitFor();
  return table.evaluate((element) =>
    [...element.querySelectorAll("thead th")].map((th) => (th as HTMLElement).innerText.replace(/[▲▼]/g, "").trim()),
  );
}

/**
 * Scrolls the first table in the page's main area to its last columns, as
 * a person does to read them on a narrow screen.
 *
 * @example
 * await scrollTableToEnd(page);
 * await visit.shot("the owner column");
 */
export async function scrollTableToEnd(page: Page): Promise<void> {
  await page
    .locator("main table")
    .first()
    .evaluate((table) => {
      for (let box = table.parentElement; box && box.tagName !== "MAIN"; box = box.parentElement)
        box.scrollLeft = box.scrollWidth;
    });
}
