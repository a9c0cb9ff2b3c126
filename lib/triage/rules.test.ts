import { describe, expect, it } from 'vitest';
import { mentionMode } from './rule-match';
import { TRIAGE_RULES } from './rules';
import { matchRule, triageText } from './triage-text';

/** For every rule: sentences it must fire on, and sentences it must not (negated, hypothetical, past, out of context). */
const EXAMPLES: Record<string, { fires: string[]; silent: string[] }> = {
  'drinking-water': {
    fires: [
      '我们组蓄水池干了半个月，老人小孩没水喝',
      '村里吃水困难，天天去河沟挑水',
      '屋头老人娃娃都没得水喝',
      '我们组已经三天没有饮用水了，水管一直没人来修，急！',
      '自来水停了一个礼拜，老年人只能走半个钟头去挑水吃',
    ],
    silent: ['今年修了新水管，村里再也不是没有水喝的样子了', '以前我们村吃水困难，2015年通了自来水'],
  },
  'gas-leak': {
    fires: [
      '楼道里闻到燃气味，很浓，请马上派人',
      '3单元有煤气泄漏，大家都跑出来了',
      '1栋楼道里面一股很大的天然气味道，好几户都闻到了，怕是哪里漏气了',
    ],
    silent: [
      '物业贴通知说万一燃气泄漏要先开窗',
      '检查过了，并未发现燃气泄漏，只是灶具老化',
      '小区门口修车的把轮胎漏气了的车堆在人行道上',
    ],
  },
  fire: {
    fires: ['对面楼五楼着火了，浓烟很大', '菜市场后面的仓库失火，火还没灭'],
    silent: [
      '楼道堆满纸箱，一旦着火了后果不堪设想',
      '去年冬天这里失火过一次，现在还是没人管',
      '在这家加油站加了油，第二天车子就打不着火了',
    ],
  },
  collapse: {
    fires: ['老粮站宿舍楼的阳台今天早上垮塌了', '挡墙坍塌把路堵住了'],
    silent: ['这段护坡2008年垮塌过，修了以后一直没事', '墙上裂缝很多，担心哪天倒塌'],
  },
  'geo-hazard': {
    fires: ['通村公路边山体滑坡，石头滚到路中间', '下了一夜雨，后山泥石流冲下来了'],
    silent: ['学校组织了防范泥石流的演练', '我们这里从来没有发生过滑坡'],
  },
  'life-danger': {
    fires: ['井盖丢了，刚才一个小孩掉下去有人受伤', '电梯卡在6楼，里面有老人被困'],
    silent: ['电梯老是停，万一有人被困怎么办', '施工没有围挡，可能有生命危险'],
  },
  'food-poisoning': {
    fires: ['在学校食堂吃了午饭，十几个学生集体腹泻', '昨晚在这家烧烤店吃完，全家食物中毒住院'],
    silent: ['这家店卫生很差，担心会食物中毒', '不是食物中毒，医生说是感冒'],
  },
  'unsafe-house': {
    fires: ['我家卧室墙体开裂，手指都塞得进去', '隔壁装修把承重墙打了'],
    silent: ['鉴定结果说不是危房，我们还是不放心', '以前这是危房，2019年已经加固了'],
  },
  'water-outage': {
    fires: ['小区停水三天了，也没有通知', '7栋又断水了，做饭都没水'],
    silent: ['水库放水灌溉不到我们组，庄稼快干死了，说是停水了', '通知说如果停水会提前一天告知'],
  },
  'power-outage': {
    fires: ['我们这一片昨晚开始停电，冰箱里的东西都坏了', '一下雨就断电，一个月好几回'],
    silent: ['电费欠费被停电了，交了钱还不来电', '变压器换了以后，去年以来再没有停电'],
  },
  'unpaid-wages': {
    fires: ['工地老板拖欠工资三个月，二十几个工人讨不到钱', '干了半年工资没发，包工头跑了'],
    silent: ['公司从来没有拖欠工资，只是社保没交', '前年的欠薪已经解决了，这次是合同问题'],
  },
  'drug-prices': {
    fires: ['卫生院的药比外面贵一倍', '同样的降压药，医院药价比药店高很多'],
    silent: [],
  },
  noise: {
    fires: ['楼下烧烤店每天夜里噪音很大，吵得睡不着', '广场舞音响噪声太大了'],
    silent: ['工地晚上打桩噪音太大', '对面施工噪声一直到凌晨'],
  },
  garbage: {
    fires: ['菜市场门口垃圾堆积，臭气熏天', '这条街的垃圾没人清，三天了'],
    silent: ['小区里垃圾堆积，物业不管', '我们小区垃圾清运太慢'],
  },
  'property-fees': {
    fires: ['物业费一年涨了两次，业主都不同意', '小区物业乱收费，装修押金不退'],
    silent: [
      '学校乱收费，校服费要五百',
      '医院乱收费，一次检查收了两次钱',
      '出租车乱收费，不打表',
      '我们小区旁边的幼儿园乱收费，一学期多收八百',
    ],
  },
  'property-service': {
    fires: ['电梯坏了一个月，物业不管'],
    silent: ['物业公司换了新经理，服务还可以'],
  },
  'lift-subsidy': {
    fires: ['我们单元加装电梯的补贴什么时候发', '老楼加装电梯，一楼住户不同意'],
    silent: ['电梯坏了没人修'],
  },
  'road-damage': {
    fires: ['炳草岗大街路面坑洼，电瓶车摔了好几次', '这段路面破损严重'],
    silent: ['通村公路坑洼不平，拉菜的车开不进来', '路面坑洼的问题去年已经修好了'],
  },
  'street-vending': {
    fires: ['学校门口摆摊的把人行道占满了', '夜市占道经营，车都过不去'],
    silent: ['以前这里有人摆摊，现在没有了'],
  },
  extortion: {
    fires: ['办证的时候工作人员索要好处，不给就拖着', '村干部收红包才给盖章'],
    silent: ['他们并没有收红包，是我误会了', '住院做手术前，主刀医生收红包，不给就往后排'],
  },
};

describe('every keyword rule', () => {
  it('has examples that it fires on and, where ambiguity exists, examples it must not fire on', () => {
    for (const rule of TRIAGE_RULES) expect(EXAMPLES[rule.id]?.fires.length, rule.id).toBeGreaterThan(0);
  });

  for (const rule of TRIAGE_RULES) {
    const ex = EXAMPLES[rule.id];
    if (!ex) continue;
    it(`${rule.id} (${rule.name}): fires on what is happening now, not on negated, hypothetical, past or out-of-context mentions`, () => {
      for (const s of ex.fires) expect(matchRule(s, rule), s).not.toBeNull();
      for (const s of ex.silent) expect(matchRule(s, rule), s).toBeNull();
    });
  }
});

describe('mentionMode', () => {
  const mode = (text: string, keyword: string) => {
    const at = text.indexOf(keyword);
    return mentionMode(text, at, at + keyword.length);
  };
  it('tells negated, hypothetical, past and actual mentions apart within the clause', () => {
    expect(mode('楼道里堆满杂物，一旦发生火灾后果严重', '火灾')).toBe('hypothetical');
    expect(mode('存在火灾隐患', '火灾')).toBe('hypothetical');
    expect(mode('2008年垮塌过一次', '垮塌')).toBe('past');
    expect(mode('前年冬天停电停了一周', '停电')).toBe('past');
    expect(mode('前年停过一次，现在又停电了', '停电')).toBe('actual');
    expect(mode('路面坑洼的问题已经修好了', '坑洼')).toBe('past');
    expect(mode('并未发生垮塌', '垮塌')).toBe('negated');
    expect(mode('不是危房', '危房')).toBe('negated');
    // Another clause's "如果" does not make this one hypothetical.
    expect(mode('如果你们不管，我就找媒体。家里停水三天了', '停水')).toBe('actual');
  });
});

describe('triage with precise rules', () => {
  const base = { title: '', categoryCode: null, kind: 'complaint' as const };
  it('does not raise urgency for a hypothetical or past danger, and says why', () => {
    const t = triageText({ ...base, description: '楼道堆满电动车，一旦发生火灾后果不堪设想，请物业清理。' });
    expect(t.urgencyCode).toBe('normal');
    const past = triageText({ ...base, description: '这段堡坎2008年垮塌过，最近雨水多，裂缝又变大了。' });
    expect(past.urgencyCode).toBe('normal');
    expect(past.reason).toMatch(/过去提及/);
    expect(triageText({ ...base, description: '后山昨晚滑坡，泥巴冲进了两户人家。' }).urgencyCode).toBe(
      'extra_urgent',
    );
  });

  it('a rule with context: "乱收费" is a compound fee only with 物业/小区/业主 and not at a school, hospital or taxi', () => {
    const fees = {
      id: 'property-fees',
      name: '物业收费',
      keywords: ['物业费', '乱收费'],
      categoryCode: 'WY02',
      requires: ['物业', '小区', '业主'],
      excludes: ['学校', '幼儿园', '学费', '医院', '卫生院', '出租车', '的士', '司机', '景区', '培训'],
    };
    for (const s of ['物业费一年涨了两次，业主都不同意', '小区物业乱收费，装修押金不退']) {
      expect(matchRule(s, fees), s).not.toBeNull();
    }
    for (const s of [
      '学校乱收费，校服费要五百',
      '医院乱收费，一次检查收了两次钱',
      '出租车乱收费，不打表',
      '我们小区旁边的幼儿园乱收费',
    ]) {
      expect(matchRule(s, fees), s).toBeNull();
    }
  });

  it('does not send a school fee complaint to 物业收费', () => {
    const t = triageText({ ...base, description: '孩子学校乱收费，每学期要交600元资料费，不交不让上课。' });
    expect(t.categoryCode).not.toBe('WY02');
  });
});
