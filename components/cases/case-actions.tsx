'use client';

import { App, Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { NumberInput } from '@/components/ui/number-input';
import { settle } from '@/lib/query/api-client';
import { transitionCase } from '@/lib/query/cases';

type StaffVerb =
  | 'dispatch'
  | 'accept'
  | 'reply'
  | 'resolve'
  | 'return'
  | 'transfer'
  | 'escalate'
  | 'merge'
  | 'reject'
  | 'reopen'
  | 'recategorize';

/** The fields each verb asks for (mirrors VERB_INPUT on the server, which is the authority). */
const FIELDS: Record<
  StaffVerb,
  readonly ('reason' | 'note' | 'officeId' | 'routingReason' | 'mergedIntoId' | 'categoryCode')[]
> = {
  dispatch: ['officeId', 'routingReason'],
  accept: [],
  reply: ['note'],
  resolve: ['note'],
  return: ['reason'],
  transfer: ['officeId', 'reason'],
  escalate: ['officeId', 'reason'],
  merge: ['mergedIntoId'],
  reject: ['reason'],
  reopen: ['reason'],
  recategorize: ['categoryCode', 'reason'],
};
const OPTIONAL = new Set(['escalate:officeId', 'recategorize:reason']);
const DANGER = new Set<StaffVerb>(['return', 'reject', 'merge']);

/** The buttons for the verbs allowed now; each opens a small form when the verb needs input. */
export function CaseActions({
  caseId,
  status,
  verbs,
  offices,
  categories = [],
}: {
  caseId: number;
  status: string;
  verbs: string[];
  offices: { id: number; name: string }[];
  /** Level-2 categories a case may be recategorized to. */
  categories?: { code: string; name: string }[];
}) {
  const t = useTranslations('workflow');
  const { message } = App.useApp();
  const router = useRouter();
  const [form] = Form.useForm();
  const [open, setOpen] = useState<StaffVerb | null>(null);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  // The action dialog (kept rendered so its form stays connected) is a portal: mount it only in the
  // browser, or the server's HTML and the first client render differ (React hydration error #418).
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const staffVerbs = verbs.filter((v): v is StaffVerb => v in FIELDS);

  async function submit(verb: StaffVerb, values: Record<string, unknown>) {
    setBusy(true);
    setFormError(null);
    try {
      const result = await settle(transitionCase(caseId, { verb, expectedStatus: status, input: values }));
      if (result.ok) {
        setOpen(null);
        form.resetFields();
        message.success(t('form.done', { verb: t(`verbs.${verb}`) }));
        router.refresh();
        return;
      }
      const { code, fields } = result.error;
      if (code === 'VALIDATION' && fields.length > 0) {
        form.setFields(
          fields.map((f) => ({
            name: f.path.split('.')[0] || 'reason',
            errors: [
              t.has(`errors.${f.message}`)
                ? t(`errors.${f.message}` as 'errors.generic')
                : fieldError(f.path),
            ],
          })),
        );
      } else {
        setFormError(t.has(`errors.${code}`) ? t(`errors.${code}` as 'errors.generic') : t('errors.generic'));
        if (code === 'CONFLICT') router.refresh();
      }
    } finally {
      setBusy(false);
    }
  }

  function fieldError(path: string): string {
    const name = path.split('.')[0] ?? '';
    return t.has(`errors.${name}`) ? t(`errors.${name}` as 'errors.generic') : t('errors.generic');
  }

  if (staffVerbs.length === 0)
    return <Typography.Text type="secondary">{t('case.noActions')}</Typography.Text>;

  const fields = open ? FIELDS[open] : [];
  return (
    <>
      <Space wrap>
        {staffVerbs.map((verb) => (
          <Button
            key={verb}
            type={
              verb === 'accept' || verb === 'resolve' || verb === 'reply' || verb === 'dispatch'
                ? 'primary'
                : 'default'
            }
            danger={DANGER.has(verb)}
            loading={busy && open === verb}
            data-verb={verb}
            onClick={() => {
              setFormError(null);
              if (FIELDS[verb].length === 0) void submit(verb, {});
              else setOpen(verb);
            }}
          >
            {t(`verbs.${verb}`)}
          </Button>
        ))}
      </Space>
      {formError && !open && (
        <Typography.Paragraph type="danger" style={{ marginTop: 8 }} role="alert">
          {formError}
        </Typography.Paragraph>
      )}
      {mounted && (
        <Modal
          open={open !== null}
          title={open ? t(`verbs.${open}`) : ''}
          okText={t('form.submit')}
          cancelText={t('form.cancel')}
          confirmLoading={busy}
          onCancel={() => {
            setOpen(null);
            form.resetFields();
          }}
          onOk={() => form.submit()}
          forceRender
        >
          <Form
            form={form}
            layout="vertical"
            onFinish={(values: Record<string, unknown>) => open && submit(open, values)}
          >
            {fields.includes('categoryCode') && (
              <Form.Item
                name="categoryCode"
                label={t('form.categoryCode')}
                rules={[{ required: true, message: t('errors.categoryCode') }]}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  options={categories.map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }))}
                />
              </Form.Item>
            )}
            {fields.includes('officeId') && (
              <Form.Item
                name="officeId"
                label={t('form.officeId')}
                extra={open === 'escalate' ? t('form.escalateHint') : undefined}
                rules={
                  OPTIONAL.has(`${open}:officeId`) ? [] : [{ required: true, message: t('errors.officeId') }]
                }
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  allowClear
                  placeholder={t('form.officePlaceholder')}
                  options={offices.map((o) => ({ value: o.id, label: o.name }))}
                />
              </Form.Item>
            )}
            {fields.includes('routingReason') && (
              <Form.Item
                name="routingReason"
                label={t('form.routingReason')}
                rules={[{ required: true, min: 2, whitespace: true, message: t('errors.routingReason') }]}
              >
                <Input.TextArea rows={2} />
              </Form.Item>
            )}
            {fields.includes('note') && (
              <Form.Item
                name="note"
                label={t(open === 'resolve' ? 'form.resolveNote' : 'form.note')}
                rules={[{ required: true, min: 2, whitespace: true, message: t('errors.note') }]}
              >
                <Input.TextArea rows={4} placeholder={t('form.notePlaceholder')} />
              </Form.Item>
            )}
            {fields.includes('reason') && (
              <Form.Item
                name="reason"
                label={t('form.reason')}
                rules={
                  OPTIONAL.has(`${open}:reason`)
                    ? []
                    : [{ required: true, min: 2, whitespace: true, message: t('errors.reason') }]
                }
              >
                <Input.TextArea rows={3} placeholder={t('form.reasonPlaceholder')} />
              </Form.Item>
            )}
            {fields.includes('mergedIntoId') && (
              <Form.Item
                name="mergedIntoId"
                label={t('form.mergedIntoId')}
                rules={[{ required: true, message: t('errors.mergedIntoId') }]}
              >
                <NumberInput min={1} style={{ width: '100%' }} />
              </Form.Item>
            )}
            {formError && (
              <Typography.Paragraph type="danger" role="alert">
                {formError}
              </Typography.Paragraph>
            )}
          </Form>
        </Modal>
      )}
    </>
  );
}
