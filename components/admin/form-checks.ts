'use client';

import type { FormInstance } from 'antd';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import type { ApiError } from '@/lib/query/api-client';

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
    apply(form: FormInstance, error: ApiError): string | null {
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
      // An answer without an error body (INTERNAL) reads as the generic "保存失败，请稍后重试".
      return other ? errorText(other.message) : errorText(error.code === 'INTERNAL' ? 'generic' : error.code);
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
