import type { Region } from "./org-chart.ts";
import { chineseBrands, type City, citiesOfRegion, industryWords, koreanBrands } from "./places.ts";
import type { Random } from "./random.ts";

/** A customer company as the seed invents it: its customer fields, and the language its people speak. */
export interface CompanyProfile {
  fields: {
    name: string;
    industry: string;
    size: string;
    annual_revenue: number;
    region: Region;
    city: string;
    address: string;
    phone: string;
    website: string;
    email: string;
    tax_id: string;
  };
  city: City;
  /** The company's mail domain. */
  domain: string;
}

const industryWeights = {
  machinery: 25,
  automotive: 20,
  electronics: 12,
  metals_mining: 10,
  energy: 8,
  chemicals: 7,
  construction: 6,
  food_beverage: 5,
  logistics: 4,
  other: 3,
};

/** Annual revenue ranges in CNY per company size. */
const revenueOfSize: Record<string, [number, number]> = {
  micro: [2e6, 1e7],
  small: [1e7, 8e7],
  medium: [8e7, 6e8],
  large: [6e8, 5e9],
  enterprise: [5e9, 4e10],
};

/**
 * A phone number in a city: the city's prefix and eight digits (a mobile
 * number when `mobile`).
 *
 * @example
 * phoneIn(random, city); // "+86 21 5876 1234"
 */
export function phoneIn(random: Random, city: City, mobile = false): string {
  const digits = (n: number) => random.en.string.numeric({ length: n, allowLeadingZeros: false });
  if (!mobile) return `${city.dial} ${digits(4)} ${digits(4)}`;
  if (city.language === "zh")
    return `+86 1${random.pick(["39", "38", "58", "86", "88", "37"])} ${digits(4)} ${digits(4)}`;
  if (city.language === "ko") return `+82 10 ${digits(4)} ${digits(4)}`;
  return `${city.dial.split(" ")[0]} ${digits(4)} ${digits(4)}`;
}

function chineseCompany(random: Random, city: City, industry: string) {
  const [brand, pinyin] = random.pick(chineseBrands);
  const words = industryWords[industry]!;
  return {
    name: `${city.name}${brand}${words.zh}有限公司`,
    domain: `${pinyin}-${words.tag}.com.cn`,
    address: `${city.name}市${random.zh.location.streetAddress()}`,
    tax: `91${random.en.string.numeric(6)}${random.en.string.alphanumeric({ length: 10, casing: "upper" })}`,
  };
}

function koreanCompany(random: Random, city: City, industry: string) {
  const brand = random.pick(koreanBrands);
  const words = industryWords[industry]!;
  return {
    name: `${brand} ${words.en} ${city.suffix}`,
    domain: `${brand.toLowerCase()}-${words.tag}.co.kr`,
    address: `${random.ko.location.streetAddress()}, ${random.ko.location.city()}`,
    tax: `${random.en.string.numeric(3)}-${random.en.string.numeric(2)}-${random.en.string.numeric(5)}`,
  };
}

function englishCompany(random: Random, city: City, industry: string) {
  const family = random.en.person.lastName();
  const words = industryWords[industry]!;
  return {
    name: `${family} ${words.en} ${city.suffix}`,
    domain: `${family.toLowerCase().replace(/[^a-z]/g, "")}-${words.tag}.com`,
    address: random.en.location.streetAddress(),
    tax: random.en.string.alphanumeric({ length: 12, casing: "upper" }),
  };
}

/**
 * Invents a customer company in a region: a name unique among `taken`, an
 * industry and size with a plausible revenue, a city of the region, an
 * address, phone, website, e-mail and tax id in the local forms.
 *
 * @example
 * companyProfile(random, "east", new Set()).fields.name; // "苏州宏达精密机械有限公司"
 */
export function companyProfile(random: Random, region: Region, taken: Set<string>): CompanyProfile {
  const industry = random.weighted(industryWeights);
  const size = random.weighted({ micro: 5, small: 20, medium: 40, large: 25, enterprise: 10 });
  const [low, high] = revenueOfSize[size]!;
  for (;;) {
    const city = random.pick(citiesOfRegion[region]);
    const make = city.language === "zh" ? chineseCompany : city.language === "ko" ? koreanCompany : englishCompany;
    const company = make(random, city, industry);
    if (taken.has(company.name)) continue;
    taken.add(company.name);
    return {
      fields: {
        name: company.name,
        industry,
        size,
        annual_revenue: Math.round(random.float(low, high) / 10_000) * 10_000,
        region,
        city: city.name,
        address: company.address,
        phone: phoneIn(random, city),
        website: `https://www.${company.domain}`,
        email: `${random.pick(["info", "purchasing", "sales", "office"])}@${company.domain}`,
        tax_id: company.tax,
      },
      city,
      domain: company.domain,
    };
  }
}
