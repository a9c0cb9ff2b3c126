'use client';

import type { FormInstance } from 'antd';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';

/** An admin API's error body: `{ error: { code, message, fields } }`. */
export interface AdminError {
  code: string;
  message?: string;
  fields?: { path: string; message: string }[];
}

export type AdminResult<T> = { ok: true; data: T } | { ok: false; error: AdminError };

/** Send JSON to an admin route (same-origin fetch: the browser marks it, the route checks it). */
export async function adminSend<T>(
  method: 'POST' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
): Promise<AdminResult<T>> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json().catch(() => ({}))) as { error?: AdminError };
  if (response.ok) return { ok: true, data: json as T };
  return { ok: false, error: json.error ?? { code: 'generic' } };
}

/** The message of an error key (`admin.errors.<key>`), or the generic one. */
export function useAdminErrorText(): (key: string, values?: Record<string, string | number>) => string {
  const t = useTranslations('admin.errors');
  return (key, values) => (t.has(key) ? t(key as 'generic', values) : t('invalid'));
}

/**
 * Check form values with the same zod schema the route uses; put each problem next to its field.
 * Returns the parsed value, or null when something is wrong.
 */
export function useFormChecks() {
  const errorText = useAdminErrorText();
  return {
    validate<S extends z.ZodType>(form: FormInstance, schema: S, values: unknown): z.infer<S> | null {
      const parsed = schema.safeParse(values);
      if (parsed.success) return parsed.data;
      showFieldErrors(
        form,
        parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        errorText,
      );
      return null;
    },
    /** Server errors: field ones next to their field; the rest returned as one line for the form. */
    apply(form: FormInstance, error: AdminError): string | null {
      const fields = error.fields ?? [];
      const names = new Set(
        Object.keys(form.getFieldsValue(true) as Record<string, unknown>).concat(
          form.getFieldsError().map((f) => String(f.name[0])),
        ),
      );
      const own = fields.filter((f) => names.has(f.path.split('.')[0]!));
      showFieldErrors(form, own, errorText);
      if (own.length && own.length === fields.length) return null;
      const other = fields.find((f) => !own.includes(f));
      return other ? errorText(other.message) : errorText(error.code);
    },
  };
}

function showFieldErrors(
  form: FormInstance,
  issues: { path: string; message: string }[],
  errorText: (key: string) => string,
): void {
  const byField = new Map<string, string[]>();
  for (const issue of issues) {
    const name = issue.path.split('.')[0] || '_form';
    byField.set(name, [...(byField.get(name) ?? []), errorText(issue.message)]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors: [...new Set(errors)] })));
}
