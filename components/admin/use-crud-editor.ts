'use client';

import { App, Form } from 'antd';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { z } from 'zod';
import type { ApiResult } from '@/lib/query/api-client';
import { useAdminErrorText, useFormChecks } from './form-checks';

/**
 * The skeleton every admin editor shares: a table of rows, one modal form to add or edit a row
 * (`editing` is the row, `'new'`, or null when closed), the same zod schema as the route checked
 * before sending, the server's field errors next to their fields and the rest above the buttons,
 * and a server refresh after every change (the lists are rendered on the server).
 */
export function useCrudEditor<Row>() {
  const tc = useTranslations('admin.common');
  const { message } = App.useApp();
  const router = useRouter();
  const checks = useFormChecks();
  const errorText = useAdminErrorText();
  const [form] = Form.useForm();
  const [initial, setInitial] = useState<Record<string, unknown>>({});
  const [editing, setEditing] = useState<Row | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  /** Opens the modal on a row (or a new one) with the form's initial values. */
  function open(row: Row | 'new', values: Record<string, unknown>) {
    setEditing(row);
    setFormError(null);
    setInitial(values);
  }

  const close = () => setEditing(null);

  /**
   * Checks `values` (the form's by default) with `schema`, sends the parsed input, and on success
   * says `saved` (or `successText`), closes the modal unless told not to, and refreshes. Resolves
   * true when saved.
   */
  async function save<S extends z.ZodType, T>(
    schema: S,
    send: (input: z.infer<S>) => Promise<ApiResult<T>>,
    options: {
      values?: unknown;
      successText?: (data: T) => string;
      close?: boolean;
    } = {},
  ): Promise<boolean> {
    const input = checks.validate(form, schema, options.values ?? form.getFieldsValue(true));
    if (!input) return false;
    setBusy(true);
    const result = await send(input);
    setBusy(false);
    if (!result.ok) {
      setFormError(checks.apply(form, result.error));
      return false;
    }
    message.success(options.successText ? options.successText(result.data) : tc('saved'));
    if (options.close !== false) setEditing(null);
    router.refresh();
    return true;
  }

  /**
   * A row action outside the modal (delete, deactivate, lock): the error as a message (`errorOf`
   * picks its text: the code's by default), success as `successText` (none when null), then a refresh.
   */
  async function act<T>(
    send: () => Promise<ApiResult<T>>,
    options: {
      successText?: string | null;
      errorOf?: (error: Extract<ApiResult<T>, { ok: false }>['error']) => string;
      close?: boolean;
    } = {},
  ): Promise<boolean> {
    const result = await send();
    if (!result.ok) {
      message.error(options.errorOf ? options.errorOf(result.error) : errorText(result.error.code));
      return false;
    }
    if (options.successText !== null) message.success(options.successText ?? tc('saved'));
    if (options.close) setEditing(null);
    router.refresh();
    return true;
  }

  /** The modal's shared props: open while editing, the save button's spinner, cancel closes. */
  const modalProps = {
    open: editing !== null,
    confirmLoading: busy,
    okText: tc('save'),
    cancelText: tc('cancel'),
    onCancel: close,
  };

  return {
    form,
    initial,
    editing,
    busy,
    setBusy,
    formError,
    open,
    close,
    save,
    act,
    modalProps,
    errorText,
    checks,
    tc,
    message,
    router,
  };
}
