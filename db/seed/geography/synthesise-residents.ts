/**
 * Synthetic households and residents sized by the 2020 census of their county: household sizes
 * (HHLD_S mean, HHLD_1P one-person share), sex ratio (POPU_WM), age bands (ages.csv), common
 * surnames by frequency, given names, birth years (census year 2020 minus age, so the city is the
 * same whatever day it is seeded) and synthetic mobile numbers.
 */
import type { Rng } from '../context';
import type { CountyCensus } from './read-reference-data';

export const CENSUS_YEAR = 2020;

export interface Resident {
  name: string;
  gender: 'male' | 'female';
  birthYear: number;
  phone: string | null;
  isHead: boolean;
}

export interface SynthHousehold {
  members: Resident[];
}

// Common surnames with their approximate share of the population in ‰ (Ministry of Public
// Security name statistics, rounded); enough variety for a believable register.
const SURNAMES: readonly [string, number][] = [
  ['王', 71],
  ['李', 70],
  ['张', 66],
  ['刘', 54],
  ['陈', 45],
  ['杨', 31],
  ['黄', 23],
  ['赵', 23],
  ['吴', 20],
  ['周', 20],
  ['徐', 17],
  ['孙', 15],
  ['马', 15],
  ['朱', 14],
  ['胡', 13],
  ['郭', 13],
  ['何', 12],
  ['林', 12],
  ['高', 11],
  ['罗', 11],
  ['郑', 11],
  ['梁', 10],
  ['谢', 9],
  ['宋', 9],
  ['唐', 8],
  ['许', 8],
  ['韩', 8],
  ['邓', 8],
  ['冯', 7],
  ['曹', 7],
  ['彭', 7],
  ['曾', 7],
  ['肖', 7],
  ['田', 6],
  ['董', 6],
  ['潘', 6],
  ['袁', 6],
  ['蔡', 5],
  ['蒋', 5],
  ['余', 5],
  ['于', 5],
  ['杜', 5],
  ['叶', 5],
  ['程', 5],
  ['魏', 5],
  ['苏', 5],
  ['吕', 5],
  ['丁', 4],
  ['任', 4],
  ['卢', 4],
  ['姚', 4],
  ['沈', 4],
  ['钟', 4],
  ['姜', 4],
  ['崔', 4],
  ['谭', 4],
  ['陆', 4],
  ['范', 4],
  ['汪', 4],
  ['廖', 4],
  ['石', 3],
  ['金', 3],
  ['韦', 3],
  ['贾', 3],
  ['夏', 3],
  ['付', 3],
  ['方', 3],
  ['邹', 3],
  ['熊', 3],
  ['白', 3],
  ['孟', 3],
  ['秦', 3],
  ['邱', 3],
  ['侯', 3],
  ['江', 3],
  ['尹', 3],
  ['薛', 2],
  ['闫', 2],
  ['段', 2],
  ['雷', 2],
  ['龙', 2],
  ['黎', 2],
  ['史', 2],
  ['陶', 2],
  ['贺', 2],
  ['毛', 2],
  ['郝', 2],
  ['顾', 2],
  ['龚', 2],
  ['邵', 2],
  ['万', 2],
  ['武', 2],
  ['钱', 2],
  ['戴', 2],
  ['严', 2],
  ['莫', 2],
  ['孔', 2],
  ['阿', 1],
  ['沙', 1],
  ['吉', 1],
];
const SURNAME_TOTAL = SURNAMES.reduce((s, [, w]) => s + w, 0);

const MALE = [
  ...'伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳建国峰志文成海东亮兵春晨轩睿博宏德荣福贵金山',
];
const FEMALE = [...'芳娜敏静丽艳娟霞燕玲丹萍红婷雪琳慧颖倩洁梅莉兰琴云佳欣怡悦思雨晓璐瑶凤英秀桂玉珍蓉月'];

// Mobile prefixes in use by the three carriers (13x–19x).
const PHONE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '173',
  '175',
  '176',
  '177',
  '178',
  '180',
  '181',
  '182',
  '183',
  '184',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '198',
  '199',
];

function surname(rng: Rng): string {
  let r = rng.next() * SURNAME_TOTAL;
  for (const [name, weight] of SURNAMES) {
    r -= weight;
    if (r < 0) return name;
  }
  return '王';
}

function givenName(rng: Rng, gender: 'male' | 'female'): string {
  const chars = gender === 'male' ? MALE : FEMALE;
  const first = rng.pick(chars);
  return rng.next() < 0.25 ? first : first + rng.pick(rng.next() < 0.8 ? chars : [...MALE, ...FEMALE]);
}

function phone(rng: Rng): string {
  let digits = rng.pick(PHONE_PREFIXES);
  for (let i = 0; i < 8; i++) digits += String(rng.int(0, 9));
  return digits;
}

/** Samples the county's census distributions. */
export class ResidentSampler {
  private readonly bands: [number, number, number][];
  private readonly adultBands: [number, number, number][];
  private readonly maleShare: number;
  /** Success probability of the geometric tail of household sizes ≥ 2. */
  private readonly tailP: number;

  constructor(private readonly census: CountyCensus) {
    this.bands = census.ageBands;
    this.adultBands = census.ageBands.filter(([min]) => min >= 20);
    this.maleShare = census.sexRatio / (100 + census.sexRatio);
    // Sizes: 1 with the census one-person share, else 2 + Geometric(p) with the mean that makes
    // the overall average equal HHLD_S.
    const p1 = census.onePersonShare;
    const restMean = (census.householdSize - p1) / (1 - p1);
    this.tailP = 1 / Math.max(1.05, restMean - 1);
  }

  householdSize(rng: Rng): number {
    if (rng.next() < this.census.onePersonShare) return 1;
    let size = 2;
    while (size < 8 && rng.next() > this.tailP) size++;
    return size;
  }

  age(rng: Rng, adult = false): number {
    const [min, max] = rng.weighted(adult ? this.adultBands : this.bands, ([, , w]) => w);
    return rng.int(min, Math.min(max, 99));
  }

  gender(rng: Rng): 'male' | 'female' {
    return rng.next() < this.maleShare ? 'male' : 'female';
  }

  /** One household of `size` members: a head (adult), often a spouse, then others. */
  household(rng: Rng, size: number): SynthHousehold {
    const members: Resident[] = [];
    const headGender = this.gender(rng);
    const headAge = this.age(rng, true);
    const family = surname(rng);
    const person = (gender: 'male' | 'female', age: number, name: string, isHead: boolean): Resident => ({
      name: name + givenName(rng, gender),
      gender,
      birthYear: CENSUS_YEAR - age,
      phone: age >= 16 && rng.next() < 0.96 ? phone(rng) : null,
      isHead,
    });
    members.push(person(headGender, headAge, family, true));
    if (size >= 2 && rng.next() < 0.8) {
      const age = Math.max(20, Math.min(99, headAge + rng.int(-4, 4)));
      members.push(person(headGender === 'male' ? 'female' : 'male', age, surname(rng), false));
    }
    while (members.length < size) {
      const gender = this.gender(rng);
      members.push(person(gender, this.age(rng), rng.next() < 0.85 ? family : surname(rng), false));
    }
    return { members };
  }

  /** Households totalling exactly `persons` residents. */
  households(rng: Rng, persons: number): SynthHousehold[] {
    const out: SynthHousehold[] = [];
    let left = persons;
    while (left > 0) {
      const size = Math.min(left, this.householdSize(rng));
      out.push(this.household(rng, size));
      left -= size;
    }
    return out;
  }
}
