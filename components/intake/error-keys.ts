/** An intake API failure as message keys (intake.fieldErrors.*), one per field or one general. */
import type { ApiError } from '@/lib/query/api-client';

/** The message key (intake.fieldErrors.*) for a failure on one field, or a general one. */
export function errorKeyOf(failure: Pick<ApiError, 'code' | 'fields'>): { field: string; key: string }[] {
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
