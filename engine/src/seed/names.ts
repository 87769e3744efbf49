import type { Random } from "./random.ts";

/** A person's name as written, and the Latin form their e-mail address uses. */
export interface PersonName {
  name: string;
  /** `given.family` in Latin letters, lower case, for an e-mail address. */
  mailbox: string;
}

/** Common Chinese family names, with their pinyin. */
const chineseFamily: Array<[string, string]> = [
  ["王", "wang"],
  ["李", "li"],
  ["张", "zhang"],
  ["刘", "liu"],
  ["陈", "chen"],
  ["杨", "yang"],
  ["黄", "huang"],
  ["赵", "zhao"],
  ["吴", "wu"],
  ["周", "zhou"],
  ["徐", "xu"],
  ["孙", "sun"],
  ["马", "ma"],
  ["朱", "zhu"],
  ["胡", "hu"],
  ["郭", "guo"],
  ["何", "he"],
  ["林", "lin"],
  ["高", "gao"],
  ["罗", "luo"],
  ["郑", "zheng"],
  ["梁", "liang"],
  ["谢", "xie"],
  ["宋", "song"],
  ["唐", "tang"],
  ["韩", "han"],
  ["冯", "feng"],
  ["邓", "deng"],
  ["曹", "cao"],
  ["彭", "peng"],
  ["曾", "zeng"],
  ["萧", "xiao"],
  ["田", "tian"],
  ["董", "dong"],
  ["潘", "pan"],
  ["袁", "yuan"],
  ["蒋", "jiang"],
  ["蔡", "cai"],
  ["余", "yu"],
  ["杜", "du"],
];

/** Chinese given names, with their pinyin. */
const chineseGiven: Array<[string, string]> = [
  ["伟", "wei"],
  ["芳", "fang"],
  ["娜", "na"],
  ["敏", "min"],
  ["静", "jing"],
  ["丽", "li"],
  ["强", "qiang"],
  ["磊", "lei"],
  ["军", "jun"],
  ["洋", "yang"],
  ["勇", "yong"],
  ["艳", "yan"],
  ["杰", "jie"],
  ["涛", "tao"],
  ["明", "ming"],
  ["超", "chao"],
  ["秀英", "xiuying"],
  ["华", "hua"],
  ["平", "ping"],
  ["刚", "gang"],
  ["建国", "jianguo"],
  ["晓东", "xiaodong"],
  ["海燕", "haiyan"],
  ["志强", "zhiqiang"],
  ["建华", "jianhua"],
  ["丽娟", "lijuan"],
  ["俊杰", "junjie"],
  ["文博", "wenbo"],
  ["雪梅", "xuemei"],
  ["国栋", "guodong"],
  ["佳怡", "jiayi"],
  ["子涵", "zihan"],
  ["宇航", "yuhang"],
  ["欣怡", "xinyi"],
  ["浩然", "haoran"],
  ["思远", "siyuan"],
  ["立新", "lixin"],
  ["红梅", "hongmei"],
  ["永刚", "yonggang"],
  ["振华", "zhenhua"],
];

/** Korean family names in Hangul, with their usual Latin spelling. */
const koreanFamily: Array<[string, string]> = [
  ["김", "kim"],
  ["이", "lee"],
  ["박", "park"],
  ["최", "choi"],
  ["정", "jung"],
  ["강", "kang"],
  ["조", "cho"],
  ["윤", "yoon"],
  ["장", "jang"],
  ["임", "lim"],
  ["한", "han"],
  ["오", "oh"],
  ["서", "seo"],
  ["신", "shin"],
];

/** Korean given names in Hangul, with their Latin spelling. */
const koreanGiven: Array<[string, string]> = [
  ["민준", "minjun"],
  ["서연", "seoyeon"],
  ["지훈", "jihoon"],
  ["하은", "haeun"],
  ["도윤", "doyun"],
  ["수빈", "subin"],
  ["재원", "jaewon"],
  ["예진", "yejin"],
  ["현우", "hyunwoo"],
  ["은지", "eunji"],
  ["성민", "sungmin"],
  ["지영", "jiyoung"],
  ["동현", "donghyun"],
  ["혜진", "hyejin"],
  ["준호", "junho"],
  ["영수", "youngsoo"],
];

/**
 * A person's name in the customer's language: Chinese (family name first,
 * in characters), Korean (in Hangul) or English (from faker's en locale).
 *
 * @example
 * personName(random, "zh"); // { name: "王建华", mailbox: "jianhua.wang" }
 */
export function personName(random: Random, language: "zh" | "ko" | "en"): PersonName {
  if (language === "en") {
    const first = random.en.person.firstName();
    const last = random.en.person.lastName();
    const latin = (s: string) => s.toLowerCase().replace(/[^a-z]/g, "");
    return { name: `${first} ${last}`, mailbox: `${latin(first)}.${latin(last)}` };
  }
  const [family, given] = language === "zh" ? [chineseFamily, chineseGiven] : [koreanFamily, koreanGiven];
  const [familyName, familyLatin] = random.pick(family);
  const [givenName, givenLatin] = random.pick(given);
  return { name: `${familyName}${givenName}`, mailbox: `${givenLatin}.${familyLatin}` };
}
