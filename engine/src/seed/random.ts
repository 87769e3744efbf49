import { base, en, Faker, ko, zh_CN } from "@faker-js/faker";

/** The seed of the demo's random choices: the same seed tells the same story. */
export const demoSeed = 20240917;

/** Random choices and fake values, all from one seeded generator per locale. */
export interface Random {
  /** Chinese (zh_CN) values: street addresses, phone numbers. */
  zh: Faker;
  /** Korean values. */
  ko: Faker;
  /** English values: names and companies of international customers. */
  en: Faker;
  /** A whole number from `min` to `max`, both included. */
  int(min: number, max: number): number;
  /** A number from `min` to `max`. */
  float(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks a key of `weights` with probability proportional to its weight (keys left out or weighing 0 never). */
  weighted<K extends string>(weights: Partial<Record<K, number>>): K;
  /** `count` different items, in random order. */
  sample<T>(items: readonly T[], count: number): T[];
}

/**
 * The demo's random source: fakers for zh_CN, ko and en, seeded with `seed`,
 * and helpers drawing from the English one.
 *
 * @example
 * const random = demoRandom();
 * random.pick(["call", "visit"]); // the same answer on every run
 */
export function demoRandom(seed = demoSeed): Random {
  const zh = new Faker({ locale: [zh_CN, en, base], seed });
  const koFaker = new Faker({ locale: [ko, en, base], seed: seed + 1 });
  const enFaker = new Faker({ locale: [en, base], seed: seed + 2 });
  const int = (min: number, max: number) => enFaker.number.int({ min, max });
  return {
    zh,
    ko: koFaker,
    en: enFaker,
    int,
    float: (min, max) => enFaker.number.float({ min, max }),
    chance: (p) => enFaker.number.float({ min: 0, max: 1 }) < p,
    pick: (items) => items[int(0, items.length - 1)]!,
    weighted(weights) {
      const entries = (Object.entries(weights) as Array<[keyof typeof weights, number]>).filter(([, w]) => w > 0);
      return enFaker.helpers.weightedArrayElement(entries.map(([value, weight]) => ({ value, weight })));
    },
    sample: (items, count) => enFaker.helpers.arrayElements([...items], Math.min(count, items.length)),
  };
}
