/** Browser calls to the intake API, with upload progress and errors turned into field keys. */
import type { PlaceAt } from '@/lib/intake/place-input';

export interface ApiFailure {
  status: number;
  code: string;
  /** Root field names the server complained about (e.g. 'description', 'location'). */
  fields: { path: string; message: string }[];
}

export class ApiError extends Error {
  constructor(readonly failure: ApiFailure) {
    super(failure.code);
  }
}

async function failureOf(res: Response): Promise<ApiFailure> {
  const body = (await res.json().catch(() => null)) as {
    error?: { code?: string; fields?: { path: string; message: string }[] };
  } | null;
  return { status: res.status, code: body?.error?.code ?? 'INTERNAL', fields: body?.error?.fields ?? [] };
}

export async function postJson<T>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK', fields: [] });
  }
  if (!res.ok) throw new ApiError(await failureOf(res));
  return (await res.json()) as T;
}

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
    xhr.onerror = () => reject(new ApiError({ status: 0, code: 'NETWORK', fields: [] }));
    xhr.onload = () => {
      let body: { attachment?: UploadedAttachment; error?: { code: string; fields?: ApiFailure['fields'] } } =
        {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: handled below
      }
      if (xhr.status === 201 && body.attachment) resolve(body.attachment);
      else
        reject(
          new ApiError({
            status: xhr.status,
            code: body.error?.code ?? 'INTERNAL',
            fields: body.error?.fields ?? [],
          }),
        );
    };
    xhr.send(form);
  });
}

/** The message key (intake.fieldErrors.*) for a failure on one field, or a general one. */
export function errorKeyOf(failure: ApiFailure): { field: string; key: string }[] {
  if (failure.code === 'RATE_LIMITED') return [{ field: '', key: 'rateLimited' }];
  if (failure.code === 'NETWORK') return [{ field: '', key: 'network' }];
  if (failure.code === 'CONFLICT') return [{ field: '', key: 'conflict' }];
  if (failure.code === 'NOT_FOUND') return [{ field: '', key: 'notFound' }];
  if (failure.code === 'PAYLOAD_TOO_LARGE') return [{ field: 'file', key: 'fileTooLarge' }];
  if (failure.code === 'UNSUPPORTED_MEDIA_TYPE') return [{ field: 'file', key: 'file' }];
  if (failure.fields.length === 0) return [{ field: '', key: 'generic' }];
  return failure.fields.map((f) => {
    const root = f.path.split('.')[0] ?? '';
    if (root === 'location' && /outside/i.test(f.message))
      return { field: 'location', key: 'locationOutside' };
    return { field: root, key: root || 'generic' };
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
  let res: Response;
  try {
    res = await fetch(`/api/v1/places/at?${params}`, { signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError({ status: 0, code: 'NETWORK', fields: [] });
  }
  if (!res.ok) throw new ApiError(await failureOf(res));
  return ((await res.json()) as { place: PlaceAt | null }).place;
}
