import { describe, expect, it } from 'vitest';
import { segmentWords } from '@/lib/triage/segment';
import { decideLinks, type LinkCandidates, readLinkText } from './decide-links';
import {
  buildGazetteer,
  findFacilityMentions,
  findKindWords,
  type GazetteerFacility,
  shortFormsOf,
} from './gazetteer';
import { readAddressKeys, readUnit } from './read-address';

const F: GazetteerFacility[] = [
  { id: 1, kind: 'market', name: '清香坪农贸市场', lng: 101.58, lat: 26.5, buildingId: 10 },
  {
    id: 2,
    kind: 'community_health_centre',
    name: '清香坪街道社区卫生服务中心',
    lng: 101.59,
    lat: 26.51,
    buildingId: null,
  },
  { id: 3, kind: 'hospital', name: '格萨拉彝族乡卫生院', lng: 101.2, lat: 27.0, buildingId: 11 },
  { id: 4, kind: 'kindergarten', name: '玉泉幼儿园', lng: 101.6, lat: 26.5, buildingId: 12 },
  { id: 5, kind: 'kindergarten', name: '玉泉幼儿园', lng: 101.62, lat: 26.52, buildingId: 13 },
  { id: 6, kind: 'school', name: '仁和区第一初级中学', lng: 101.7, lat: 26.5, buildingId: null },
  { id: 7, kind: 'residential_compound', name: '攀大北苑小区', lng: 101.71, lat: 26.58, buildingId: 20 },
];
const g = buildGazetteer(F);
const none: LinkCandidates = {
  gridId: 1,
  covering: null,
  nearest: null,
  reporter: null,
  byAddress: [],
  facilities: [],
};
const decide = (
  text: string,
  c: Partial<LinkCandidates> = {},
  categoryCode: string | null = null,
  point = { lng: 101.58, lat: 26.501 },
) => {
  const s = { title: '', description: text, address: null, categoryCode, point };
  return decideLinks(s, readLinkText(s), { ...none, ...c }, g, segmentWords);
};

describe('the gazetteer', () => {
  it('derives short forms by kind', () => {
    expect(shortFormsOf(F[0]!)).toEqual(expect.arrayContaining(['清香坪菜市场', '清香坪市场']));
    expect(shortFormsOf(F[1]!)).toEqual(expect.arrayContaining(['清香坪社区医院', '清香坪卫生服务中心']));
    expect(shortFormsOf(F[2]!)).toEqual(expect.arrayContaining(['格萨拉卫生院']));
    expect(shortFormsOf(F[5]!)).toEqual(expect.arrayContaining(['仁和一中', '仁和区一中']));
    expect(shortFormsOf(F[6]!)).toEqual(['攀大北苑']);
  });

  it('finds names on word boundaries, the longest first, and kind words', () => {
    const m = findFacilityMentions('上午去清香坪社区医院看病，又到清香坪菜市场买菜', g, segmentWords);
    expect(m.map((x) => [x.term.term, x.term.facilityIds])).toEqual([
      ['清香坪社区医院', [2]],
      ['清香坪菜市场', [1]],
    ]);
    expect(findFacilityMentions('清香坪市场街的路灯坏了', g, segmentWords)).toEqual([]);
    expect(findKindWords('社区医院旁边的幼儿园').map((k) => k.word)).toEqual(['社区医院', '幼儿园']);
  });

  it('reads addresses and units', () => {
    expect(readAddressKeys('家住攀枝花东路199号1栋3单元501')).toEqual([
      { tail: '199号1栋', written: '199号1栋' },
    ]);
    expect(readAddressKeys('核桃坪村三组十号')).toEqual([{ tail: '3组10号', written: '三组十号' }]);
    expect(readUnit('我家二单元302室漏水')).toBe('2单元302');
    expect(readUnit('二楼漏水')).toBeNull();
  });
});

describe('decideLinks', () => {
  it('prefers the footprint, then the nearest within range; the household only with a unit', () => {
    const covering = { id: 5, address: 'A', householdId: 9, distanceM: 0 };
    expect(decide('1单元101漏水', { covering })).toMatchObject({
      buildingId: 5,
      householdId: 9,
      building: { method: 'footprint', confidence: 0.95 },
    });
    const near = decide('路灯坏了', { nearest: { id: 6, address: 'B', householdId: null, distanceM: 20 } });
    expect(near.building).toMatchObject({ method: 'nearest', confidence: 0.65 });
    expect(
      decide('路灯坏了', { nearest: { id: 6, address: 'B', householdId: null, distanceM: 45 } }).building,
    ).toBeNull();
  });

  it('weighs a name by distance and ambiguity', () => {
    const near = decide('清香坪农贸市场的秤有问题');
    expect(near).toMatchObject({ facilityId: 1, facility: { method: 'name_mention', confidence: 0.95 } });
    const far = decide('清香坪农贸市场的秤有问题', {}, null, { lng: 101.9, lat: 26.9 });
    expect(far.facility!.confidence).toBeLessThan(0.95);
    const twin = decide('玉泉幼儿园乱收费');
    expect(twin).toMatchObject({ facilityId: 4, facility: { method: 'name_mention' } });
    expect(twin.facility!.confidence).toBeLessThanOrEqual(0.7);
  });

  it('lowers a facility by place when the category makes its kind implausible', () => {
    const c = { facilities: [{ id: 7, via: 'area' as const, distanceM: 0 }] };
    expect(decide('井盖丢了', c, 'WY01').facility).toMatchObject({
      method: 'facility_area',
      confidence: 0.85,
    });
    expect(decide('井盖丢了', c, 'JT01').facility!.confidence).toBeLessThan(0.6);
  });

  it('judges plausibility by the level-2 category where its family is mixed', () => {
    // 民政社保 holds both 社保医保 (a health centre is plausible) and 就业与欠薪 (it is not).
    const inCentre = { facilities: [{ id: 2, via: 'area' as const, distanceM: 0 }] };
    expect(decide('医保报销一直办不下来', inCentre, 'MZ03').facility).toMatchObject({ confidence: 0.85 });
    expect(decide('老板拖欠工资三个月', inCentre, 'MZ05').facility!.confidence).toBeLessThan(0.6);
    expect(decide('公积金提取手续太麻烦', inCentre, 'ZJ08').facility!.confidence).toBeLessThan(0.6);
    // A name (here its short form) in the text still links, whatever the category.
    expect(decide('清香坪社区医院拖欠护工工资', {}, 'MZ05')).toMatchObject({
      facilityId: 2,
      facility: { method: 'short_name' },
    });
  });

  it('takes the nearest facility of a named kind only within its range', () => {
    const kind = (d: number) => ({ facilities: [{ id: 4, via: 'kind' as const, distanceM: d }] });
    expect(decide('幼儿园收费太高', kind(300)).facility).toMatchObject({ method: 'kind_nearest' });
    expect(decide('幼儿园收费太高', kind(300)).facilityId).toBe(4);
    expect(decide('幼儿园收费太高', kind(1600)).facility).toBeNull();
    expect(decide('路面坑洼', kind(300)).facility).toBeNull();
  });
});

describe('a point derived from a written address (precision)', () => {
  const onCentre = {
    covering: {
      id: 31,
      address: '西区清香坪街道清香坪社区 竹湖巷 3 号 1 栋',
      householdId: null,
      distanceM: 0,
    },
    nearest: {
      id: 32,
      address: '西区清香坪街道清香坪社区 竹湖巷 5 号 1 栋',
      householdId: null,
      distanceM: 12,
    },
    facilities: [
      { id: 7, via: 'area' as const, distanceM: 0 },
      { id: 1, via: 'point' as const, distanceM: 8 },
    ],
  };
  const at = (
    precision: 'point' | 'building' | 'facility' | 'village' | 'town',
    address: string,
    description: string,
    c: Partial<LinkCandidates>,
  ) => {
    const s = {
      title: '',
      description,
      address,
      categoryCode: null,
      point: { lng: 101.58, lat: 26.5 },
      precision,
    };
    return decideLinks(s, readLinkText(s), { ...none, ...c }, g, segmentWords);
  };

  it('a village or town centre links nothing by place, whatever stands on it', () => {
    for (const p of ['village', 'town'] as const) {
      const d = at(p, '西区清香坪街道清香坪社区', '社区背后的沟里有人乱倒建筑垃圾，堆了一大片', onCentre);
      expect(d.building).toBeNull();
      expect(d.facility).toBeNull();
    }
    // The same point from a phone links them.
    const phone = at('point', '', '社区背后的沟里有人乱倒建筑垃圾，堆了一大片', onCentre);
    expect(phone.buildingId).toBe(31);
    expect(phone.facilityId).not.toBeNull();
  });

  it('still links what the text itself names from a centre: a facility by its name, at no distance bonus', () => {
    const d = at('town', '西区清香坪街道', '清香坪农贸市场里的猪肉没有检疫章', onCentre);
    expect(d.facilityId).toBe(1);
    expect(d.facility!.method).toBe('name_mention');
    expect(d.facility!.confidence).toBeLessThan(0.98);
    expect(d.building).toMatchObject({ method: 'address', confidence: 0.5 });
    expect(d.buildingId).toBe(10);
  });

  it("a building's centre from its address links that building as by address, and the compound around it", () => {
    const d = at('building', '江南西路253号1栋', '楼顶防水层老化，一下雨顶楼就漏水', onCentre);
    expect(d.buildingId).toBe(31);
    expect(d.building).toMatchObject({ method: 'address', confidence: 0.8 });
    expect(d.building!.reason).toContain('按地址');
    expect(d.facilityId).toBe(7);
  });

  it("a facility's place links the facility by its name only, never the building its point falls in", () => {
    const d = at('facility', '清香坪街道社区卫生服务中心', '卫生服务中心的B超机坏了半年', onCentre);
    expect(d.facilityId).toBe(2);
    expect(d.facility!.method).toBe('name_mention');
    expect(d.buildingId).toBeNull();
  });
});
