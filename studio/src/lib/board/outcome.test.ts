import { describe, expect, it } from "vitest";
import { moveOutcome } from "./outcome";

const descriptions = { propose: "Needs an amount greater than zero.", qualify: "" };

describe("what became of a card's move", () => {
  it("is where the process put the record when the event was fired", () => {
    const moved = { id: "c1", from: "proposal", to: "won", state: "pending_approval", event: "fast_track" };
    expect(moveOutcome({ type: "success", status: 200, data: { moved } }, descriptions)).toEqual({
      kind: "moved",
      state: "pending_approval",
    });
  });

  it("tells a refused guard by the event's description, else by the server's message", () => {
    const guard = { code: "guard_failed", event: "propose", message: "guard of propose does not hold" };
    expect(moveOutcome({ type: "failure", status: 422, data: guard }, descriptions)).toEqual({
      kind: "refused",
      reason: "Needs an amount greater than zero.",
    });
    const undescribed = { code: "guard_failed", event: "qualify", message: "guard of qualify does not hold" };
    expect(moveOutcome({ type: "failure", status: 422, data: undescribed }, descriptions)).toEqual({
      kind: "refused",
      reason: "guard of qualify does not hold",
    });
    const forbidden = { code: "forbidden", event: "propose", message: "your roles may not fire propose" };
    expect(moveOutcome({ type: "failure", status: 403, data: forbidden }, descriptions)).toEqual({
      kind: "refused",
      reason: "your roles may not fire propose",
    });
    expect(moveOutcome({ type: "error", error: new Error("down") }, descriptions)).toEqual({
      kind: "refused",
      reason: null,
    });
  });

  it("asks which event when several lead there, and says when none does", () => {
    expect(
      moveOutcome({ type: "failure", status: 400, data: { ask: ["negotiate", "fast_track"] } }, descriptions),
    ).toEqual({ kind: "ask", events: ["negotiate", "fast_track"] });
    expect(
      moveOutcome({ type: "failure", status: 409, data: { code: "no_event", message: null } }, descriptions),
    ).toEqual({ kind: "none" });
  });

  it("follows a redirect (a session that ended)", () => {
    expect(moveOutcome({ type: "redirect", status: 303, location: "/login?next=/boards" }, descriptions)).toEqual({
      kind: "redirect",
      location: "/login?next=/boards",
    });
  });
});
