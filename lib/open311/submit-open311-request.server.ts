import 'server-only';
import type { Db } from '@/db/client';
import { getBuildingForIntake, listActiveCategories } from '@/db/queries/intake';
import type { LocationPrecision } from '@/lib/complaints/vocabulary';
import { AppError } from '@/lib/http/errors';
import { type SubmitResult, submitComplaint } from '@/lib/intake/submit-complaint.server';
import { type AddressLocation, locateAddressString } from './locate-address-string.server';
import { isOpen311Service, OPEN311_ATTRIBUTES } from './services';

/**
 * POST requests (GeoReport v2) → the same intake verb as `/api/v1/complaints`, channel 'open311'.
 *
 * - `service_code` → category (a level-2 code from `services.json`; misconduct is never a service);
 *   absent (the spec requires it; we are lenient), triage reads the category from the description as
 *   for the resident page, and a case it cannot tell waits for manual dispatch.
 * - The point's precision is kept (`location_precision`): `point` for lat & long, else what the
 *   address led to; a village's or town's centre is approximate, and nothing is linked from it.
 * - `lat` & `long` → location, WGS84 as the spec says, unless the extension field `datum`
 *   (or `attribute[datum]`) declares `gcj02`, `bd09` or `cgcs2000`.
 * - `address_id` is one of our building ids: its centre stands in for a missing lat/long.
 * - `address_string` alone (the spec allows it) is located from the city's own data
 *   (`locateAddressString`: a building, a facility, else a village or town centre); an address
 *   naming nothing finer than a county is refused (400, `location`).
 * - `address_string` → address, `description` → description, `media_url` → kept for staff.
 * - `phone` (+ `first_name`, `last_name`) → contact; `email` is not kept (no place for it);
 *   `attribute[anonymous]=true` drops the contact. `attribute[title]` → title.
 * - `api_key`, `device_id`, `account_id` are accepted and ignored: no key is needed.
 */
export async function submitOpen311Request(
  db: Db,
  fields: URLSearchParams,
  options: { idempotencyKey?: string | null; now?: Date } = {},
): Promise<SubmitResult & { located?: AddressLocation }> {
  const get = (name: string) => {
    const v = fields.get(name);
    return v === null || v.trim() === '' ? undefined : v.trim();
  };
  const serviceCode = get('service_code');
  const categories = serviceCode ? await listActiveCategories(db) : [];
  if (serviceCode && !categories.some((c) => c.code === serviceCode && isOpen311Service(c))) {
    throw new AppError('NOT_FOUND', `service_code ${serviceCode} was not found`, [
      { path: 'service_code', message: 'Unknown service' },
    ]);
  }

  const attributes = new Map<string, string>();
  const known = new Set(OPEN311_ATTRIBUTES.map((a) => a.code));
  for (const [key, value] of fields) {
    const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(key);
    if (!m) continue;
    if (!known.has(m[1]!)) {
      throw new AppError('VALIDATION', `attribute[${m[1]}]: unknown attribute`, [
        { path: `attribute.${m[1]}`, message: 'Unknown attribute' },
      ]);
    }
    attributes.set(m[1]!, value.trim());
  }

  const anonymous = parseBoolean(attributes.get('anonymous'), 'attribute.anonymous');
  const datum = get('datum') ?? attributes.get('datum') ?? 'wgs84';
  const addressId = get('address_id');
  const buildingId = addressId === undefined ? undefined : Number(addressId);
  let location: { lng: unknown; lat: unknown; datum: string } | undefined;
  let located: AddressLocation | undefined;
  let precision: LocationPrecision = 'point';
  const lat = get('lat');
  const long = get('long');
  const addressString = get('address_string');
  if (lat !== undefined || long !== undefined) {
    location = { lng: toNumber(long), lat: toNumber(lat), datum };
  } else if (buildingId !== undefined && Number.isInteger(buildingId) && buildingId > 0) {
    const building = await getBuildingForIntake(db, buildingId);
    if (building) location = { lng: building.lng, lat: building.lat, datum: 'wgs84' };
    precision = 'building';
  } else if (addressString !== undefined) {
    located = (await locateAddressString(db, addressString)) ?? undefined;
    if (!located) {
      throw new AppError(
        'VALIDATION',
        'address_string: no building, facility, village/community or town/street of the city recognised in it; send lat & long or address_id',
        [{ path: 'address_string', message: 'Address not found' }],
      );
    }
    location = { lng: located.lng, lat: located.lat, datum: 'wgs84' };
    precision = located.precision;
  }
  if (!location) {
    throw new AppError(
      'VALIDATION',
      'location: lat & long, address_string or a known address_id is required',
      [{ path: 'location', message: 'Required: lat & long, address_string or address_id' }],
    );
  }

  const phone = get('phone');
  const name = [get('last_name'), get('first_name')].filter(Boolean).join(' ') || undefined;
  const result = await submitComplaint(
    db,
    {
      channel: 'open311',
      categoryCode: serviceCode,
      title: attributes.get('title') || undefined,
      description: fields.get('description') ?? '',
      location,
      address: addressString,
      buildingId,
      anonymous,
      contact: phone && !anonymous ? { phone, ...(name ? { name } : {}) } : undefined,
      mediaUrl: get('media_url'),
      idempotencyKey: options.idempotencyKey ?? undefined,
    },
    { now: options.now, locationPrecision: precision },
  );
  return located ? { ...result, located } : result;
}

/** Empty → undefined (zod then says "required"); garbage → NaN (zod says "expected number"). */
function toNumber(v: string | undefined): number | undefined {
  return v === undefined ? undefined : Number(v);
}

function parseBoolean(v: string | undefined, path: string): boolean {
  if (v === undefined || v === '' || v === 'false') return false;
  if (v === 'true') return true;
  throw new AppError('VALIDATION', `${path}: true or false`, [{ path, message: 'true or false' }]);
}
