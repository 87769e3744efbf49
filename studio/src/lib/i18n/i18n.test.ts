import { describe, expect, it } from "vitest";
import { en } from "./en";
import { acceptedLanguages, labelOf, languageName, pickLocale, translator } from "./index";
import { ko } from "./ko";
import { zh } from "./zh";

describe("the studio's catalogues", () => {
  it("translate every key in every locale", () => {
    const keys = Object.keys(en).sort();
    expect(Object.keys(zh).sort()).toEqual(keys);
    expect(Object.keys(ko).sort()).toEqual(keys);
    for (const catalogue of [zh, ko])
      for (const [key, text] of Object.entries(catalogue)) {
        const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        expect(placeholders(text), key).toEqual(placeholders(en[key as keyof typeof en]));
      }
  });

  it("fill in parameters", () => {
    expect(translator("en")("list.rows", { from: 1, to: 50 })).toBe("Rows 1–50");
    expect(translator("zh")("list.page", { page: 3 })).toBe("第 3 页");
  });

  it("fall back to the language, then to English", () => {
    const t = translator("pt-BR", { en: { "list.save": "Save" }, pt: { "list.save": "Salvar" }, "pt-BR": {} });
    expect(t("list.save")).toBe("Salvar");
    expect(translator("de", { en: { "list.save": "Save" } })("list.save")).toBe("Save");
    expect(translator("ko-KR")("list.save")).toBe("저장");
  });
});

describe("labelOf", () => {
  const label = { en: "Customer", zh: "客户" };
  it("takes the locale, its language, then the app's locales in order", () => {
    expect(labelOf(label, "zh")).toBe("客户");
    expect(labelOf(label, "zh-CN")).toBe("客户");
    expect(labelOf(label, "ko", ["zh", "en"])).toBe("客户");
    expect(labelOf(label, "ko")).toBe("Customer");
    expect(labelOf({ ja: "顧客" }, "ko")).toBe("顧客");
    expect(labelOf(undefined, "en")).toBe("");
  });
});

describe("pickLocale", () => {
  const available = ["en", "zh", "ko"];
  it("prefers the chosen language, then the browser's, then the app's first", () => {
    expect(pickLocale(available, { cookie: "ko", acceptLanguage: "zh-CN" })).toBe("ko");
    expect(pickLocale(available, { cookie: "fr", acceptLanguage: "fr-FR,zh-CN;q=0.8,en;q=0.5" })).toBe("zh");
    expect(pickLocale(available, { acceptLanguage: "ko-KR,ko;q=0.9" })).toBe("ko");
    expect(pickLocale(available, { acceptLanguage: "en;q=0.1,ko;q=0.9" })).toBe("ko");
    expect(pickLocale(available, { acceptLanguage: "de, zh;q=0" })).toBe("en");
    expect(pickLocale(["zh", "en"], {})).toBe("zh");
    expect(pickLocale([], {})).toBe("en");
  });

  it("reads Accept-Language by weight", () => {
    expect(acceptedLanguages("da, en-GB;q=0.8, en;q=0.7, *;q=0.1")).toEqual(["da", "en-GB", "en"]);
    expect(acceptedLanguages(null)).toEqual([]);
  });

  it("names languages in themselves", () => {
    expect(languageName("zh")).toBe("中文");
    expect(languageName("fr")).toBe("français");
  });
});
