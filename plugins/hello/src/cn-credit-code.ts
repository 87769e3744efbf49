import { defineFieldType } from "@temper/plugin-sdk";

/** The 31 characters of a unified social credit code, by value (GB 32100-2015: no I, O, S, V, Z). */
const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/** The weight of each of the first 17 characters: 3^i mod 31. */
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * The check character (the 18th) of a unified social credit code's first 17
 * characters, by GB 32100-2015: 31 minus the weighted sum mod 31.
 *
 * @example
 * creditCodeCheckCharacter("91350100M000100Y4"); // "3"
 */
export function creditCodeCheckCharacter(first17: string): string {
  const sum = [...first17].reduce((total, character, i) => total + alphabet.indexOf(character) * weights[i]!, 0);
  return alphabet[(31 - (sum % 31)) % 31]!;
}

/**
 * `hello.cn_credit_code`: China's unified social credit code (统一社会信用代码),
 * 18 characters whose last is a check character.
 *
 * @example
 * { "name": "credit_code", "type": "hello.cn_credit_code", "label": { "en": "Credit code" }, "unique": true }
 */
export const cnCreditCode = defineFieldType({
  name: "cn_credit_code",
  description: "China's unified social credit code: 18 characters, the last a check character (GB 32100-2015).",
  base: "text",
  schema: { pattern: "^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$" },
  check(value) {
    const expected = creditCodeCheckCharacter(value.slice(0, 17));
    return value[17] === expected
      ? undefined
      : `${value} is not a valid unified social credit code: its check character (the 18th) should be ${expected}; check the code for a mistyped character`;
  },
});
