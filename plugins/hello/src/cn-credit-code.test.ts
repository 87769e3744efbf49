import { describe, expect, it } from "vitest";
import { cnCreditCode, creditCodeCheckCharacter } from "./cn-credit-code.ts";

const pattern = new RegExp(String(cnCreditCode.schema?.pattern), "u");
const check = (value: string) => cnCreditCode.check?.(value);

describe("hello.cn_credit_code", () => {
  it("computes the check character of GB 32100-2015", () => {
    expect(creditCodeCheckCharacter("91350100M000100Y4")).toBe("3");
    expect(creditCodeCheckCharacter("91110000802100433")).toBe("B");
    // A weighted sum that is a multiple of 31 gives "0", not the 32nd character.
    expect(creditCodeCheckCharacter("00000000000000000")).toBe("0");
  });

  it("accepts real codes", () => {
    for (const code of ["91350100M000100Y43", "91110000802100433B"]) {
      expect(pattern.test(code)).toBe(true);
      expect(check(code)).toBeUndefined();
    }
  });

  it("refuses a mistyped character or two swapped ones, saying which check character was expected", () => {
    expect(check("91350100M000100Y44")).toBe(
      "91350100M000100Y44 is not a valid unified social credit code: its check character (the 18th) should be 3; check the code for a mistyped character",
    );
    expect(check("91350100M000010Y43")).toMatch(/should be [^3]/);
  });

  it("leaves the form to its schema: 18 characters, no I, O, S, V or Z, digits for the area code", () => {
    for (const code of ["91350100M000100Y4", "91350100M000100Y433", "91350100M0001O0Y43", "913501A0M000100Y43"])
      expect(pattern.test(code)).toBe(false);
  });
});
