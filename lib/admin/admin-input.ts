/**
 * What the admin editors send, declared once (zod) and used on both sides: the browser runs the same
 * schema before it posts (messages next to the fields), the route parses with it (400 VALIDATION with
 * field paths). Each message is a key of `admin.errors` in the messages, so the UI shows it in the
 * user's language. Pure.
 */
import { z } from 'zod';
import { ROLES } from '@/lib/auth/types';

export const TIERS = ['county', 'town', 'village'] as const;
export const URGENCY_CODES = ['extra_urgent', 'urgent', 'normal'] as const;

const name = (max: number) => z.string().trim().min(1, 'required').max(max, 'tooLong');
const level2Code = z.string().regex(/^[A-Z]{2}\d{2}$/, 'categoryLevel2');
const categoryCode = z.string().regex(/^[A-Z]{2}(\d{2})?$/, 'category');
const divisionCode = z.string().regex(/^\d{12}$/, 'division');
const optional = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

/** 研判规则: a keyword list and what a hit means (urgency and/or category). */
export const triageRuleInput = z
  .object({
    id: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{1,47}$/, 'slug'),
    name: name(40),
    keywords: z
      .array(z.string().trim().min(1, 'required').max(30, 'tooLong'))
      .min(1, 'keywordsRequired')
      .max(50, 'tooMany')
      .refine((k) => new Set(k).size === k.length, 'keywordsDuplicate'),
    urgencyCode: optional(z.enum(['extra_urgent', 'urgent'], 'urgency')),
    categoryCode: optional(level2Code),
    /** Context words: the text must also mention one of `requires`, and none of `excludes`. */
    requires: z.array(z.string().trim().min(1, 'required').max(30, 'tooLong')).max(50, 'tooMany').default([]),
    excludes: z.array(z.string().trim().min(1, 'required').max(30, 'tooLong')).max(50, 'tooMany').default([]),
    active: z.boolean().default(true),
  })
  .refine((r) => r.urgencyCode || r.categoryCode, { message: 'ruleEffect', path: ['urgencyCode'] });
export type TriageRuleInput = z.input<typeof triageRuleInput>;
/** An edit keeps the id (the slug is the rule's identity). */
export const triageRulePatch = triageRuleInput;

/** 权责匹配规则: category × tier × division → office (+ co-handling offices). */
export const routingRuleInput = z
  .object({
    categoryCode,
    tier: z.enum(TIERS, 'tier'),
    divisionCode: optional(divisionCode),
    /** null: the office of that tier serving the complaint's area that handles the category. */
    officeId: optional(z.number().int().positive('office')),
    coOfficeIds: z.array(z.number().int().positive()).max(10, 'tooMany').default([]),
    priority: z.number().int('integer').min(-100, 'priorityRange').max(100, 'priorityRange').default(0),
    note: optional(z.string().trim().max(200, 'tooLong')),
  })
  .refine((r) => !r.officeId || !r.coOfficeIds.includes(r.officeId), {
    message: 'coOfficeSame',
    path: ['coOfficeIds'],
  });
export type RoutingRuleInput = z.infer<typeof routingRuleInput>;

/** "Test this point": what the engine would decide for a complaint here. */
export const routingProbeInput = z.object({
  lng: z.number('lng').min(-180, 'lng').max(180, 'lng'),
  lat: z.number('lat').min(-90, 'lat').max(90, 'lat'),
  categoryCode: level2Code,
  tier: optional(z.enum(TIERS, 'tier')),
});
export type RoutingProbeInput = z.infer<typeof routingProbeInput>;

/** 时限规则 (null = any). */
export const deadlinePolicyInput = z.object({
  categoryCode: optional(categoryCode),
  tier: optional(z.enum(TIERS, 'tier')),
  urgencyCode: optional(z.enum(URGENCY_CODES, 'urgency')),
  dispatchHours: z.number('integer').int('integer').min(1, 'hoursRange').max(240, 'hoursRange'),
  firstReplyDays: z.number('integer').int('integer').min(1, 'daysRange').max(90, 'daysRange'),
  resolveDays: z.number('integer').int('integer').min(1, 'daysRange').max(365, 'daysRange'),
  workingDays: z.boolean().default(true),
  note: optional(z.string().trim().max(200, 'tooLong')),
});
export type DeadlinePolicyInput = z.infer<typeof deadlinePolicyInput>;

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'day')
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'day',
  );

/** One exception to the Monday–Friday week: a holiday, or a 调休 working day. */
export const calendarDayInput = z.object({
  day: isoDay,
  isWorkday: z.boolean(),
  name: name(30),
});
export type CalendarDayInput = z.infer<typeof calendarDayInput>;

/** A year's exceptions as CSV (`day,is_workday,name`), replacing that year's stored days. */
export const calendarImportInput = z.object({
  year: z.number('year').int('year').min(2000, 'year').max(2100, 'year'),
  csv: z.string().min(1, 'required').max(100_000, 'tooLong'),
});

export const OFFICE_KINDS = ['government', 'department', 'committee', 'discipline'] as const;

/** 责任单位. */
export const officeInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z-]{3,40}$/, 'officeCode'),
  name: name(60),
  kind: z.enum(OFFICE_KINDS, 'officeKind'),
  tier: z.enum(TIERS, 'tier'),
  divisionCode,
  phone: optional(z.string().trim().max(30, 'tooLong')),
  /** Level-1 categories served. */
  categoryCodes: z
    .array(z.string().regex(/^[A-Z]{2}$/, 'category'))
    .max(40, 'tooMany')
    .default([]),
});
export type OfficeInput = z.infer<typeof officeInput>;

export const officeActiveInput = z.object({ active: z.boolean() });

/** A staff account: role and the jurisdiction it is bound to (lib/auth/policy.ts ROLE_JURISDICTION). */
export const userInput = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9._-]{2,40}$/, 'username'),
  displayName: name(40),
  role: z.enum(ROLES, 'role'),
  divisionCode: optional(divisionCode),
  officeId: optional(z.number().int().positive('office')),
  gridId: optional(z.number().int().positive('grid')),
  phone: optional(z.string().trim().max(30, 'tooLong')),
});
export type UserInput = z.infer<typeof userInput>;

/** A new account also needs its first password. */
export const newUserInput = userInput.extend({
  password: z.string().min(10, 'passwordShort').max(128, 'tooLong'),
});

export const userLockInput = z.object({ locked: z.boolean() });

/** The binding fields a role needs (the others are cleared). */
export const ROLE_BINDING = {
  grid_worker: 'gridId',
  handler: 'officeId',
  inspector: 'divisionCode',
  leader: 'divisionCode',
  admin: 'divisionCode',
} as const satisfies Record<(typeof ROLES)[number], 'gridId' | 'officeId' | 'divisionCode'>;
