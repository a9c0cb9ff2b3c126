/**
 * Our categories as Open311 services (pure): level-2 categories are the services (`service_code`
 * `JT01`), their level-1 family is the `group`. The misconduct family (JJ, 违纪违法线索) is never a
 * service: it goes to the 纪委 through the resident page only.
 */
import type { IntakeCategory } from '@/db/queries/intake';
import { MISCONDUCT_CATEGORY_PREFIX } from '@/lib/intake/submit-input';

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string | null;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string | null;
  group: string | null;
}

export interface Open311Attribute {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
}

export interface Open311ServiceDefinition {
  service_code: string;
  attributes: Open311Attribute[];
}

/**
 * The attributes every service accepts (`attribute[code]=value` on POST requests). The same for all
 * services, since our intake asks the same questions whatever the category.
 */
export const OPEN311_ATTRIBUTES: Open311Attribute[] = [
  {
    variable: true,
    code: 'title',
    datatype: 'string',
    required: false,
    datatype_description: '1–80 characters',
    order: 1,
    description: '简短标题（可选；缺省取描述的第一句） / Short title (optional)',
  },
  {
    variable: true,
    code: 'anonymous',
    datatype: 'singlevaluelist',
    required: false,
    datatype_description: null,
    order: 2,
    description: '匿名反映（匿名时不保存联系方式） / Report anonymously (no contact is kept)',
    values: [
      { key: 'false', name: '实名 / Named' },
      { key: 'true', name: '匿名 / Anonymous' },
    ],
  },
  {
    variable: true,
    code: 'datum',
    datatype: 'singlevaluelist',
    required: false,
    datatype_description: 'Datum of lat/long; default wgs84 as the GeoReport v2 spec says',
    order: 3,
    description:
      '坐标系：wgs84（GPS，缺省）、gcj02（微信/高德/腾讯）、bd09（百度）、cgcs2000（天地图） / Datum of lat & long',
    values: [
      { key: 'wgs84', name: 'WGS84' },
      { key: 'gcj02', name: 'GCJ-02' },
      { key: 'bd09', name: 'BD-09' },
      { key: 'cgcs2000', name: 'CGCS2000' },
    ],
  },
];

export function isOpen311Service(c: IntakeCategory): boolean {
  return c.level === 2 && !c.code.startsWith(MISCONDUCT_CATEGORY_PREFIX);
}

export function toOpen311Services(categories: IntakeCategory[]): Open311Service[] {
  const families = new Map(categories.filter((c) => c.level === 1).map((c) => [c.code, c]));
  return categories.filter(isOpen311Service).map((c) => {
    const family = c.parentCode ? families.get(c.parentCode) : undefined;
    return {
      service_code: c.code,
      service_name: c.nameZh,
      description: `${c.nameZh} / ${c.nameEn}`,
      metadata: true,
      type: 'realtime',
      keywords: [c.nameZh, c.nameEn, family?.nameZh, family?.nameEn].filter(Boolean).join(', '),
      group: family ? family.nameZh : null,
    };
  });
}

export function toServiceDefinition(code: string): Open311ServiceDefinition {
  return { service_code: code, attributes: OPEN311_ATTRIBUTES };
}
