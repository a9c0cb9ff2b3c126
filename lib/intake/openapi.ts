/**
 * The OpenAPI 3.1 description of the public intake API, generated from the same zod schemas the
 * handlers parse with (zod 4's own JSON Schema output, draft 2020-12, which OpenAPI 3.1 uses). Pure.
 */
import { z } from 'zod';
import { ERROR_STATUS } from '@/lib/http/errors';
import {
  BUILDING_SEARCH,
  buildingSearchInput,
  categorySuggestBody,
  categorySuggestInput,
  SUGGEST_BODY_TEXT_MAX,
} from './helper-input';
import { PLACE_BUILDING_RADIUS_M } from './place-input';
import { DATUM_VALUES, rateInput, reopenInput, submitInput, trackInput } from './submit-input';
import { UPLOAD_LIMITS } from './upload-limits';

type JsonSchema = Record<string, unknown>;

function componentsOf(schemas: z.ZodType[]): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const schema of schemas) {
    const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' });
    const text = JSON.stringify(json.$defs ?? {}).replaceAll('#/$defs/', '#/components/schemas/');
    Object.assign(out, JSON.parse(text) as Record<string, JsonSchema>);
  }
  return out;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonSchema) => ({ 'application/json': { schema } });

const errorResponses = (...codes: (keyof typeof ERROR_STATUS)[]) =>
  Object.fromEntries(
    codes.map((code) => [String(ERROR_STATUS[code]), { description: code, content: json(ref('Error')) }]),
  );

const timeline = ref('PublicTimeline');

/** The properties of a query schema as OpenAPI `in: query` parameters. */
function queryParameters(schema: z.ZodType): Record<string, unknown>[] {
  type ObjectSchema = {
    properties?: Record<string, JsonSchema & { description?: string }>;
    required?: string[];
    $ref?: string;
    $defs?: Record<string, ObjectSchema>;
  };
  const top = z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
  }) as ObjectSchema;
  // A schema with an `id` comes back as a $ref into its own $defs.
  const json = top.$ref ? (top.$defs?.[top.$ref.split('/').pop()!] ?? {}) : top;
  return Object.entries(json.properties ?? {}).map(([name, { description, ...rest }]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    ...(description ? { description } : {}),
    schema: rest,
  }));
}

/** The category suggestion's answer (GET and POST alike). */
const suggestResponse = {
  '200': {
    description: 'Suggestion',
    content: json({
      type: 'object',
      required: ['rule', 'suggestions', 'model'],
      properties: {
        rule: {
          oneOf: [
            { type: 'null' },
            {
              type: 'object',
              required: ['id', 'name', 'categoryCode', 'nameZh', 'nameEn'],
              properties: {
                id: { type: 'string' },
                name: { type: 'string', description: 'Rule name, e.g. 饮水安全' },
                categoryCode: { type: 'string' },
                nameZh: { type: 'string' },
                nameEn: { type: 'string' },
              },
            },
          ],
        },
        suggestions: {
          type: 'array',
          maxItems: 3,
          items: {
            type: 'object',
            required: ['code', 'nameZh', 'nameEn', 'probability'],
            properties: {
              code: { type: 'string' },
              nameZh: { type: 'string' },
              nameEn: { type: 'string' },
              probability: { type: 'number', minimum: 0, maximum: 1 },
            },
          },
        },
        model: { type: 'boolean', description: 'Whether a trained classifier exists' },
      },
    }),
  },
};

export function buildOpenApiDocument(serverUrl = '/'): Record<string, unknown> {
  const schemas: Record<string, JsonSchema> = {
    ...componentsOf([submitInput, trackInput, rateInput, reopenInput, categorySuggestBody]),
    Error: {
      type: 'object',
      required: ['error'],
      properties: {
        error: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: { type: 'string', enum: Object.keys(ERROR_STATUS) },
            message: { type: 'string' },
            fields: {
              type: 'array',
              items: {
                type: 'object',
                required: ['path', 'message'],
                properties: { path: { type: 'string' }, message: { type: 'string' } },
              },
            },
          },
        },
      },
    },
    SubmitResult: {
      type: 'object',
      required: ['complaint', 'created'],
      properties: {
        complaint: {
          type: 'object',
          required: ['trackingCode', 'status', 'kind', 'submittedAt'],
          properties: {
            trackingCode: { type: 'string', pattern: '^[2-9A-HJ-NP-Z]{8}$' },
            status: { type: 'string' },
            kind: { type: 'string', enum: ['complaint', 'misconduct'] },
            submittedAt: { type: 'string', format: 'date-time' },
          },
        },
        created: { type: 'boolean', description: 'false when an idempotent retry returned the first result' },
      },
    },
    Attachment: {
      type: 'object',
      required: ['id', 'kind', 'mime', 'sizeBytes'],
      properties: {
        id: { type: 'string', format: 'uuid' },
        kind: { type: 'string', enum: ['photo', 'video', 'audio'] },
        mime: { type: 'string' },
        sizeBytes: { type: 'integer' },
      },
    },
    PublicTimeline: {
      type: 'object',
      properties: {
        trackingCode: { type: 'string' },
        kind: { type: 'string', enum: ['complaint', 'misconduct'] },
        status: { type: 'string' },
        title: { type: 'string' },
        description: { type: 'string' },
        category: { type: ['string', 'null'] },
        urgency: { type: ['string', 'null'] },
        office: {
          type: ['string', 'null'],
          description: 'First-responsible office (never for misconduct reports)',
        },
        submittedAt: { type: 'string', format: 'date-time' },
        deadlines: {
          type: 'object',
          properties: {
            dispatch: { type: ['string', 'null'], format: 'date-time' },
            firstReply: { type: ['string', 'null'], format: 'date-time' },
            resolve: { type: ['string', 'null'], format: 'date-time' },
          },
        },
        events: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              type: { type: 'string' },
              status: { type: ['string', 'null'] },
              office: { type: ['string', 'null'] },
              note: { type: ['string', 'null'] },
              at: { type: 'string', format: 'date-time' },
            },
          },
        },
        answer: { type: ['string', 'null'], description: "The office's answer at resolution" },
        ratings: { type: 'array', items: { type: 'object' } },
        canRate: { type: 'boolean' },
        canReopen: { type: 'boolean' },
        nextStep: {
          type: 'object',
          description:
            'What happens next. kind: triage | manual (reason: low_confidence, near_boundary, outside_area, no_rule, returned, other; dispatchDue) | dispatched (office, firstReplyDue, resolveDue) | handling (office, resolveDue) | rate | closed | merged | rejected | misconduct',
          required: ['kind'],
          properties: { kind: { type: 'string' } },
        },
      },
    },
  };
  const rateLimitNote =
    'Rate limited per client address (and per phone for submissions): 429 RATE_LIMITED with a Retry-After header.';
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Suqiu intake API (群众诉求收件接口)',
      version: '1.0.0',
      description:
        'What a WeChat mini-program, the 12345 hotline or the web page calls to submit, upload, track, rate and reopen complaints. ' +
        'Coordinates may be declared in wgs84, gcj02 (WeChat getLocation, Amap), bd09 (Baidu) or cgcs2000; they are stored in WGS84 with the original kept. ' +
        'Points outside Panzhihua are refused (VALIDATION on `location`). Errors: `{error:{code,message,fields:[{path,message}]}}`. ' +
        rateLimitNote,
    },
    servers: [{ url: serverUrl }],
    paths: {
      '/api/v1/uploads': {
        post: {
          operationId: 'uploadAttachment',
          summary: 'Upload one photo, video or voice note before submitting',
          description: `Checked by content (magic bytes), not by name. Photos: JPEG, PNG, WebP up to ${UPLOAD_LIMITS.photo.maxBytes / 1e6} MB (re-encoded without EXIF/location data); video: MP4, MOV, WebM up to ${UPLOAD_LIMITS.video.maxBytes / 1e6} MB (MP4/MOV/M4A location, device and time boxes blanked, MP3/WAV tags removed); voice: WebM/Ogg/M4A/MP3/WAV/AMR up to ${UPLOAD_LIMITS.audio.maxBytes / 1e6} MB. Pass the returned id in attachmentIds.`,
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  required: ['file'],
                  properties: { file: { type: 'string', contentMediaType: 'application/octet-stream' } },
                },
              },
            },
          },
          responses: {
            '201': {
              description: 'Stored',
              content: json({ type: 'object', properties: { attachment: ref('Attachment') } }),
            },
            ...errorResponses('VALIDATION', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'RATE_LIMITED'),
          },
        },
      },
      '/api/v1/complaints': {
        post: {
          operationId: 'submitComplaint',
          summary: 'Submit a complaint or a misconduct report',
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              schema: { type: 'string', minLength: 8, maxLength: 128 },
              description: 'Same key and body → the same complaint back (200), never a duplicate',
            },
          ],
          requestBody: { required: true, content: json(ref('SubmitComplaint')) },
          responses: {
            '201': { description: 'Created', content: json(ref('SubmitResult')) },
            '200': { description: 'Idempotent retry: the first result', content: json(ref('SubmitResult')) },
            ...errorResponses(
              'VALIDATION',
              'CONFLICT',
              'PAYLOAD_TOO_LARGE',
              'UNSUPPORTED_MEDIA_TYPE',
              'RATE_LIMITED',
            ),
          },
        },
      },
      '/api/v1/track': {
        post: {
          operationId: 'trackComplaint',
          summary:
            'The public timeline of one complaint (tracking code + last 4 phone digits where a phone was given)',
          requestBody: { required: true, content: json(ref('TrackRequest')) },
          responses: {
            '200': {
              description: 'Timeline',
              content: json({ type: 'object', properties: { complaint: timeline } }),
            },
            ...errorResponses('VALIDATION', 'NOT_FOUND', 'UNSUPPORTED_MEDIA_TYPE', 'RATE_LIMITED'),
          },
        },
      },
      '/api/v1/ratings': {
        post: {
          operationId: 'rateComplaint',
          summary: 'Rate a resolved complaint (satisfied / basically_satisfied / unsatisfied)',
          requestBody: { required: true, content: json(ref('RateRequest')) },
          responses: {
            '201': {
              description: 'Rated',
              content: json({ type: 'object', properties: { complaint: timeline } }),
            },
            ...errorResponses(
              'VALIDATION',
              'NOT_FOUND',
              'CONFLICT',
              'UNSUPPORTED_MEDIA_TYPE',
              'RATE_LIMITED',
            ),
          },
        },
      },
      '/api/v1/reopen': {
        post: {
          operationId: 'reopenComplaint',
          summary: 'Reopen a complaint rated unsatisfied; it goes back to the handling office',
          requestBody: { required: true, content: json(ref('ReopenRequest')) },
          responses: {
            '200': {
              description: 'Reopened',
              content: json({ type: 'object', properties: { complaint: timeline } }),
            },
            ...errorResponses(
              'VALIDATION',
              'NOT_FOUND',
              'CONFLICT',
              'UNSUPPORTED_MEDIA_TYPE',
              'RATE_LIMITED',
            ),
          },
        },
      },
      '/api/v1/categories': {
        get: {
          operationId: 'listCategories',
          summary: 'Active categories (for the optional category choice)',
          responses: { '200': { description: 'Categories' } },
        },
      },
      '/api/v1/categories/suggest': {
        get: {
          operationId: 'suggestCategories',
          summary: 'Category proposal for a text being typed (debounce it)',
          description:
            "The keyword rule the triage would apply on submission (`rule`, or null), and the learned classifier's most likely level-2 categories of the kind with their probabilities (at most 3, each ≥ 5 %; empty until a model has been trained, then `model` is true). The submission itself is triaged again on the server. " +
            rateLimitNote,
          parameters: queryParameters(categorySuggestInput),
          responses: { ...suggestResponse, ...errorResponses('VALIDATION', 'RATE_LIMITED') },
        },
        post: {
          operationId: 'suggestCategoriesForBody',
          summary: 'Category proposal for a long text (the same answer as GET, text in a JSON body)',
          description: `The same as GET with \`{text, kind?}\` as an application/json body, for texts up to ${SUGGEST_BODY_TEXT_MAX.toLocaleString('en')} characters (a whole letter). ${rateLimitNote}`,
          requestBody: { required: true, content: json(ref('CategorySuggestBody')) },
          responses: {
            ...suggestResponse,
            ...errorResponses('VALIDATION', 'UNSUPPORTED_MEDIA_TYPE', 'PAYLOAD_TOO_LARGE', 'RATE_LIMITED'),
          },
        },
      },
      '/api/v1/buildings/search': {
        get: {
          operationId: 'searchBuildings',
          summary: 'Find a building by its address, to report about it',
          description: `Buildings whose address contains \`q\` (spaces ignored); with lng/lat only those within ${BUILDING_SEARCH.radiusM / 1000} km, nearest first; at most ${BUILDING_SEARCH.limit}. Only the address, the village name and the building's centre (WGS84) are returned — never households or persons. Send the id as \`buildingId\` with a submission whose location lies within 300 m of the building. ${rateLimitNote}`,
          parameters: queryParameters(buildingSearchInput),
          responses: {
            '200': {
              description: 'Matching buildings',
              content: json({
                type: 'object',
                required: ['buildings'],
                properties: {
                  buildings: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['id', 'address', 'villageName', 'lng', 'lat', 'distanceM'],
                      properties: {
                        id: { type: 'integer' },
                        address: { type: 'string' },
                        villageName: { type: ['string', 'null'] },
                        lng: { type: 'number' },
                        lat: { type: 'number' },
                        distanceM: { type: ['integer', 'null'], description: 'From lng/lat, when given' },
                      },
                    },
                  },
                },
              }),
            },
            ...errorResponses('VALIDATION', 'RATE_LIMITED'),
          },
        },
      },
      '/api/v1/places/at': {
        get: {
          operationId: 'placeAt',
          summary: 'Name the place of a pin (or of one building)',
          description: `The county, town and village whose boundaries cover the point, and the building nearest to it within ${PLACE_BUILDING_RADIUS_M} m (its address and centre; distance to its footprint). With \`building\` instead of a point, that building and its divisions. Only public names and addresses are returned — never households, persons or complaints. \`place\` is null outside the city. ${rateLimitNote}`,
          parameters: [
            { name: 'lng', in: 'query', schema: { type: 'number', minimum: -180, maximum: 180 } },
            { name: 'lat', in: 'query', schema: { type: 'number', minimum: -90, maximum: 90 } },
            {
              name: 'datum',
              in: 'query',
              schema: { type: 'string', enum: [...DATUM_VALUES], default: 'wgs84' },
            },
            {
              name: 'building',
              in: 'query',
              schema: { type: 'integer', minimum: 1 },
              description: 'Instead of lng/lat',
            },
          ],
          responses: {
            '200': {
              description: 'The place, or null outside the city',
              content: json({
                type: 'object',
                required: ['place'],
                properties: {
                  place: {
                    type: ['object', 'null'],
                    required: ['county', 'town', 'village', 'building'],
                    properties: {
                      county: { type: ['string', 'null'] },
                      town: { type: ['string', 'null'] },
                      village: { type: ['string', 'null'] },
                      building: {
                        type: ['object', 'null'],
                        required: ['id', 'address', 'lng', 'lat', 'distanceM'],
                        properties: {
                          id: { type: 'integer' },
                          address: { type: 'string' },
                          lng: { type: 'number' },
                          lat: { type: 'number' },
                          distanceM: { type: 'integer' },
                        },
                      },
                    },
                  },
                },
              }),
            },
            ...errorResponses('VALIDATION', 'NOT_FOUND', 'RATE_LIMITED'),
          },
        },
      },
    },
    components: { schemas },
  };
}
