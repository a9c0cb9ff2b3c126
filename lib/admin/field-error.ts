/** A 400 VALIDATION naming the field and an `admin.errors` message key (shown next to that field). */
import { AppError } from '@/lib/http/errors';

export function fieldError(path: string, key: string, detail?: string): AppError {
  return new AppError('VALIDATION', detail ? `${path}: ${key} (${detail})` : `${path}: ${key}`, [
    { path, message: key },
  ]);
}
