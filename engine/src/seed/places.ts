import type { Region } from "./org-chart.ts";

/** A city customers are in: its name as the CRM's users write it, its phone prefix, and its customers' language. */
export interface City {
  name: string;
  /** International dialling prefix with the area code, `+86 21`. */
  dial: string;
  language: "zh" | "ko" | "en";
  /** The legal form companies there take (international customers). */
  suffix?: string;
}

const zh = (name: string, area: string): City => ({ name, dial: `+86 ${area}`, language: "zh" });

/** The cities of each sales region. */
export const citiesOfRegion: Record<Region, City[]> = {
  north: [
    zh("北京", "10"),
    zh("天津", "22"),
    zh("石家庄", "311"),
    zh("太原", "351"),
    zh("沈阳", "24"),
    zh("大连", "411"),
    zh("济南", "531"),
    zh("青岛", "532"),
  ],
  east: [
    zh("上海", "21"),
    zh("苏州", "512"),
    zh("杭州", "571"),
    zh("宁波", "574"),
    zh("南京", "25"),
    zh("无锡", "510"),
    zh("常州", "519"),
    zh("合肥", "551"),
  ],
  south: [
    zh("广州", "20"),
    zh("深圳", "755"),
    zh("东莞", "769"),
    zh("佛山", "757"),
    zh("厦门", "592"),
    zh("福州", "591"),
  ],
  central: [zh("武汉", "27"), zh("长沙", "731"), zh("郑州", "371"), zh("南昌", "791"), zh("洛阳", "379")],
  west: [zh("成都", "28"), zh("重庆", "23"), zh("西安", "29"), zh("昆明", "871"), zh("兰州", "931")],
  international: [
    { name: "Seoul", dial: "+82 2", language: "ko", suffix: "Co., Ltd." },
    { name: "Busan", dial: "+82 51", language: "ko", suffix: "Co., Ltd." },
    { name: "Incheon", dial: "+82 32", language: "ko", suffix: "Co., Ltd." },
    { name: "Ulsan", dial: "+82 52", language: "ko", suffix: "Co., Ltd." },
    { name: "Changwon", dial: "+82 55", language: "ko", suffix: "Co., Ltd." },
    { name: "Singapore", dial: "+65 6", language: "en", suffix: "Pte. Ltd." },
    { name: "Kuala Lumpur", dial: "+60 3", language: "en", suffix: "Sdn. Bhd." },
    { name: "Bangkok", dial: "+66 2", language: "en", suffix: "Co., Ltd." },
    { name: "Ho Chi Minh City", dial: "+84 28", language: "en", suffix: "Co., Ltd." },
    { name: "Sydney", dial: "+61 2", language: "en", suffix: "Pty Ltd" },
    { name: "Stuttgart", dial: "+49 711", language: "en", suffix: "GmbH" },
  ],
};

/** Words of Chinese company names (a trade name), with their pinyin. */
export const chineseBrands: Array<[string, string]> = [
  ["宏达", "hongda"],
  ["恒力", "hengli"],
  ["华鑫", "huaxin"],
  ["金泰", "jintai"],
  ["永盛", "yongsheng"],
  ["瑞丰", "ruifeng"],
  ["鼎盛", "dingsheng"],
  ["天成", "tiancheng"],
  ["新远", "xinyuan"],
  ["博远", "boyuan"],
  ["汇通", "huitong"],
  ["昌盛", "changsheng"],
  ["三友", "sanyou"],
  ["嘉禾", "jiahe"],
  ["同创", "tongchuang"],
  ["远航", "yuanhang"],
  ["盛达", "shengda"],
  ["海瑞", "hairui"],
  ["锦程", "jincheng"],
  ["宝鼎", "baoding"],
  ["广源", "guangyuan"],
  ["润泽", "runze"],
  ["航宇", "hangyu"],
  ["启明", "qiming"],
  ["精工", "jinggong"],
  ["祥和", "xianghe"],
  ["泰和", "taihe"],
  ["凯盛", "kaisheng"],
  ["德隆", "delong"],
  ["百川", "baichuan"],
  ["华通", "huatong"],
  ["众诚", "zhongcheng"],
  ["联创", "lianchuang"],
  ["弘业", "hongye"],
  ["安泰", "antai"],
  ["腾飞", "tengfei"],
];

/** Trade names of Korean companies, in their Latin spelling. */
export const koreanBrands = [
  "Daesung",
  "Hanil",
  "Samwon",
  "Dongyang",
  "Sejin",
  "Woojin",
  "Shinil",
  "Taeyang",
  "Kukje",
  "Jinyang",
  "Seoyoung",
  "Hyundong",
  "Daeil",
  "Sungwoo",
  "Myungjin",
];

/** How companies of each industry call themselves: in Chinese (with a short pinyin tag) and in English. */
export const industryWords: Record<string, { zh: string; tag: string; en: string }> = {
  machinery: { zh: "精密机械", tag: "jx", en: "Machinery" },
  automotive: { zh: "汽车零部件", tag: "auto", en: "Auto Parts" },
  electronics: { zh: "电子科技", tag: "tech", en: "Electronics" },
  chemicals: { zh: "化工", tag: "chem", en: "Chemical" },
  energy: { zh: "能源装备", tag: "energy", en: "Energy Equipment" },
  food_beverage: { zh: "食品", tag: "food", en: "Foods" },
  metals_mining: { zh: "金属制品", tag: "metal", en: "Metal Works" },
  construction: { zh: "建设工程", tag: "build", en: "Engineering & Construction" },
  logistics: { zh: "物流", tag: "logistics", en: "Logistics" },
  other: { zh: "实业", tag: "group", en: "Industrial" },
};
