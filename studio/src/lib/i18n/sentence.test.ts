import { describe, expect, it } from "vitest";
import { inSentence } from "./sentence";

describe("inSentence", () => {
  it("writes an English label in lower case inside a sentence, keeping acronyms and other languages", () => {
    expect(inSentence("Opportunity", "en")).toBe("opportunity");
    expect(inSentence("Quote line", "en-GB")).toBe("quote line");
    expect(inSentence("SLA breach", "en")).toBe("SLA breach");
    expect(inSentence("商机", "zh")).toBe("商机");
    expect(inSentence("Kunde", "de")).toBe("Kunde");
  });
});
