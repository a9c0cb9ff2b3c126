/**
 * The seven classes a city message board (市长信箱 / 留言板) files letters under, and the families of
 * our taxonomy that each one takes (docs/triage-evaluation.md): a prediction of a board letter is in
 * the right family when its family is one of its class's. Used to score the style-shift sets
 * (db/seed/data/triage-shift, triage-dev) and, for the development set, to calibrate how often the
 * model's family agrees with a board's filing (text-classifier.ts, `shift`). Pure.
 */
export const BOARD_CLASS_FAMILIES: Readonly<Record<string, readonly string[]>> = {
  城乡建设: ['ZJ', 'WY', 'CG'],
  环境保护: ['HB'],
  交通运输: ['JT'],
  教育文体: ['JY'],
  劳动和社会保障: ['MZ'],
  商贸旅游: ['SC'],
  卫生计生: ['WJ'],
};

/** As BOARD_CLASS_FAMILIES, and SD (water, power) under 城乡建设 too (the 住建局 handles it). */
export const BOARD_CLASS_FAMILIES_BY_OFFICE: Readonly<Record<string, readonly string[]>> = {
  ...BOARD_CLASS_FAMILIES,
  城乡建设: ['ZJ', 'WY', 'CG', 'SD'],
};
