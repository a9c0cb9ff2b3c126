/** Browser calls of the public intake API (/api/v1): uploads with progress, the place at a pin. */
import type {
  BuildingHit,
  CategorySuggestion,
  IntakeCategory,
  SuggestResult,
} from '@/lib/intake/intake.types';
import type { PlaceAt } from '@/lib/intake/place-input';
import { ApiError, errorOfXhr, getJson } from './api-client';

export interface UploadedAttachment {
  id: string;
  kind: 'photo' | 'video' | 'audio';
  mime: string;
  sizeBytes: number;
}

/** multipart upload with progress (fetch has no upload progress; XMLHttpRequest does). */
export function uploadFile(
  file: Blob,
  kind: 'photo' | 'video' | 'audio',
  onProgress: (fraction: number) => void,
): Promise<UploadedAttachment> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file, file instanceof File ? file.name : `${kind}.bin`);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/uploads');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', undefined, [], 'NETWORK'));
    xhr.onload = () => {
      let body: { attachment?: UploadedAttachment } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: handled below
      }
      if (xhr.status === 201 && body.attachment) resolve(body.attachment);
      else reject(errorOfXhr(xhr));
    };
    xhr.send(form);
  });
}

/** GET /api/v1/places/at: the pin's (or a building's) place names; null outside the city. */
export async function getPlace(
  query: { lng: number; lat: number } | { building: number },
  signal?: AbortSignal,
): Promise<PlaceAt | null> {
  const params = new URLSearchParams(
    'building' in query
      ? { building: String(query.building) }
      : { lng: query.lng.toFixed(6), lat: query.lat.toFixed(6) },
  );
  return (await getJson<{ place: PlaceAt | null }>(`/api/v1/places/at?${params}`, signal)).place;
}

export type { BuildingHit, IntakeCategory };

/** GET /api/v1/categories. */
export const listIntakeCategories = async (): Promise<IntakeCategory[]> =>
  (await getJson<{ categories: IntakeCategory[] }>('/api/v1/categories')).categories;

/**
 * What the report form reads of GET /api/v1/categories/suggest (`SuggestResult`): the keyword rule that
 * fires and the learned classifier's proposals (the form's built-in rules answer the same shape offline).
 */
export interface CategoryAdvice {
  rule: Pick<NonNullable<SuggestResult['rule']>, 'name' | 'categoryCode'> | null;
  suggestions: Pick<CategorySuggestion, 'code' | 'probability'>[];
}

export const suggestCategory = (text: string, signal?: AbortSignal): Promise<CategoryAdvice> =>
  getJson<CategoryAdvice>(
    `/api/v1/categories/suggest?${new URLSearchParams({ text: text.slice(0, 2000), kind: 'complaint' })}`,
    signal,
  );

export const searchBuildings = async (
  q: string,
  near: { lng: string; lat: string } | null,
  signal?: AbortSignal,
): Promise<BuildingHit[]> => {
  const params = new URLSearchParams({ q });
  if (near) {
    params.set('lng', near.lng);
    params.set('lat', near.lat);
  }
  return (await getJson<{ buildings: BuildingHit[] }>(`/api/v1/buildings/search?${params}`, signal))
    .buildings;
};
