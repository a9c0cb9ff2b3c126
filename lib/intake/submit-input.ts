/**
 * What a submission may contain (诉求收件): one zod schema shared by the JSON API, the OpenAPI
 * description, the mobile page (client-side checks) and the Open311 adapter. Pure.
 */
import { z } from 'zod';
import { PLAIN_TEXT, PLAIN_TEXT_MESSAGE } from '@/lib/http/plain-text';

export const INTAKE_LIMITS = {
  titleMax: 80,
  descriptionMin: 5,
  descriptionMax: 2000,
  addressMax: 200,
  nameMax: 40,
  /** Attachments per complaint, by kind. */
  photos: 9,
  videos: 1,
  audios: 1,
  attachmentsTotal: 11,
} as const;

/** Datums a location may be declared in (the `datum` enum); storage is always WGS84. */
export const DATUM_VALUES = ['wgs84', 'gcj02', 'bd09', 'cgcs2000'] as const;

/** Channels a caller may declare; `grid_worker` is set by the server from the session, never declared. */
export const DECLARED_CHANNELS = ['web', 'wechat', 'hotline', 'walk_in', 'open311'] as const;

/** Mainland mobile (1[3-9]xxxxxxxxx) or a landline with area code (0812-1234567). */
export const PHONE_RE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** Level-1 (`SL`) or level-2 (`SL01`) category code. */
export const CATEGORY_CODE_RE = /^[A-Z]{2}(\d{2})?$/;

/** The category family reserved for misconduct reports (违纪违法线索 → 纪委 only). */
export const MISCONDUCT_CATEGORY_PREFIX = 'JJ';

export const locationInput = z
  .object({
    lng: z.number().finite().min(-180).max(180).meta({ description: 'Longitude in the declared datum' }),
    lat: z.number().finite().min(-90).max(90).meta({ description: 'Latitude in the declared datum' }),
    datum: z.enum(DATUM_VALUES).meta({
      description:
        'Datum of lng/lat: wgs84 (GPS), gcj02 (WeChat getLocation, Amap, Tencent), bd09 (Baidu), cgcs2000 (Tianditu ≈ wgs84)',
    }),
  })
  .strict();

export const contactInput = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(INTAKE_LIMITS.nameMax)
      .regex(PLAIN_TEXT, PLAIN_TEXT_MESSAGE)
      .optional(),
    phone: z
      .string()
      .trim()
      .regex(PHONE_RE)
      .meta({ description: 'Mobile or landline; only its last 4 digits are ever asked back' }),
  })
  .strict();

export const submitInput = z
  .object({
    kind: z
      .enum(['complaint', 'misconduct'])
      .default('complaint')
      .meta({ description: "'misconduct' (违纪违法线索) goes to the discipline commission (纪委) only" }),
    channel: z.enum(DECLARED_CHANNELS).default('web'),
    title: z
      .string()
      .trim()
      .min(1)
      .max(INTAKE_LIMITS.titleMax)
      .regex(PLAIN_TEXT, PLAIN_TEXT_MESSAGE)
      .optional(),
    description: z
      .string()
      .trim()
      .min(INTAKE_LIMITS.descriptionMin)
      .max(INTAKE_LIMITS.descriptionMax)
      .regex(PLAIN_TEXT, PLAIN_TEXT_MESSAGE),
    categoryCode: z.string().regex(CATEGORY_CODE_RE).optional(),
    location: locationInput,
    address: z
      .string()
      .trim()
      .min(1)
      .max(INTAKE_LIMITS.addressMax)
      .regex(PLAIN_TEXT, PLAIN_TEXT_MESSAGE)
      .optional(),
    buildingId: z.number().int().positive().optional(),
    anonymous: z.boolean().default(false),
    contact: contactInput.optional(),
    attachmentIds: z.array(z.uuid()).max(INTAKE_LIMITS.attachmentsTotal).default([]),
    mediaUrl: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .regex(PLAIN_TEXT, PLAIN_TEXT_MESSAGE)
      .optional()
      .meta({
        description: "A link to media held elsewhere (Open311 `media_url`); staff see it, the public doesn't",
      }),
    idempotencyKey: z
      .string()
      .min(8)
      .max(128)
      .regex(/^[A-Za-z0-9._:-]+$/)
      .optional()
      .meta({ description: 'A retry with the same key and body returns the same complaint' }),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.anonymous && v.contact) {
      ctx.addIssue({ code: 'custom', path: ['contact'], message: 'Anonymous reports carry no contact' });
    }
    if (new Set(v.attachmentIds).size !== v.attachmentIds.length) {
      ctx.addIssue({ code: 'custom', path: ['attachmentIds'], message: 'Duplicate attachment id' });
    }
    if (v.categoryCode) {
      const isMisconductCategory = v.categoryCode.startsWith(MISCONDUCT_CATEGORY_PREFIX);
      if (v.kind === 'complaint' && isMisconductCategory) {
        ctx.addIssue({
          code: 'custom',
          path: ['categoryCode'],
          message: 'Misconduct categories need kind "misconduct"',
        });
      }
      if (v.kind === 'misconduct' && !isMisconductCategory) {
        ctx.addIssue({
          code: 'custom',
          path: ['categoryCode'],
          message: 'A misconduct report takes a JJ category or none',
        });
      }
    }
  })
  .meta({ id: 'SubmitComplaint' });

export type SubmitInput = z.output<typeof submitInput>;
export type SubmitInputRaw = z.input<typeof submitInput>;

/** Tracking credentials: the code, plus the phone's last 4 digits where a phone was given. */
export const trackInput = z
  .object({
    trackingCode: z
      .string()
      .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
      .pipe(z.string().regex(/^[2-9A-HJ-NP-Z]{8}$/)),
    phoneLast4: z
      .string()
      .regex(/^\d{4}$/)
      .optional(),
  })
  .strict()
  .meta({ id: 'TrackRequest' });

export type TrackInput = z.output<typeof trackInput>;

export const RATING_LEVELS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;

export const rateInput = trackInput
  .extend({
    level: z.enum(RATING_LEVELS),
    comment: z.string().trim().max(500).regex(PLAIN_TEXT, PLAIN_TEXT_MESSAGE).optional(),
  })
  .strict()
  .meta({ id: 'RateRequest' });

export type RateInput = z.output<typeof rateInput>;

export const reopenInput = trackInput
  .extend({ reason: z.string().trim().min(2).max(500).regex(PLAIN_TEXT, PLAIN_TEXT_MESSAGE) })
  .strict()
  .meta({ id: 'ReopenRequest' });

export type ReopenInput = z.output<typeof reopenInput>;
