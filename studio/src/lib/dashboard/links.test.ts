import { describe, expect, it } from "vitest";
import { selectionHref, viewFor } from "./links";
import { opportunity } from "./testing";

const entity = opportunity();

describe("opening a dashboard's selection in a list", () => {
  it("picks the most specific view whose own filters hold for the selection", () => {
    expect(
      viewFor(
        entity,
        [
          ["stage.eq", "won"],
          ["owner", "u-1"],
        ],
        "me-1",
      )?.name,
    ).toBe("won_opportunities");
    expect(
      viewFor(
        entity,
        [
          ["stage.not_in", "won,lost"],
          ["stage", "proposal"],
        ],
        "me-1",
      )?.name,
    ).toBe("open_pipeline");
    expect(viewFor(entity, [["stage", "proposal"]], "me-1")?.name).toBe("open_pipeline");
    expect(viewFor(entity, [["stage.in", "proposal,qualification"]], "me-1")?.name).toBe("open_pipeline");
    expect(
      viewFor(
        entity,
        [
          ["stage", "proposal"],
          ["owner", "me-1"],
        ],
        "me-1",
      )?.name,
    ).toBe("my_open_opportunities");
  });

  it("opens no list when every view would hide part of the selection", () => {
    expect(viewFor(entity, [["stage", "lost"]], "me-1")).toBeUndefined();
    expect(viewFor(entity, [["amount.gte", "5"]], "me-1")).toBeUndefined();
    expect(selectionHref(entity, [["stage.in", "won,lost"]], "me-1")).toBeNull();
  });

  it("keeps the selection's conditions besides the view's own in the address", () => {
    expect(
      selectionHref(
        entity,
        [
          ["stage.not_in", "won,lost"],
          ["expected_close.gte", "2026-11-01"],
          ["expected_close.lte", "2026-11-30"],
        ],
        "me-1",
      ),
    ).toBe("/opportunity?view=open_pipeline&expected_close.gte=2026-11-01&expected_close.lte=2026-11-30");
    expect(
      selectionHref(
        entity,
        [
          ["stage", "won"],
          ["owner.in", "u-1,u-2"],
        ],
        "me-1",
      ),
    ).toBe("/opportunity?view=won_opportunities&owner.in=u-1%2Cu-2");
  });
});
