'use client';

import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import { useLocale, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { useLocalisedName } from '@/components/ui/use-localised-name';
import { chineseTerm } from '@/components/ui/user-content';
import { triageRuleInput } from '@/lib/admin/admin-input';
import type { AdminScreenData } from '@/lib/admin/admin-screen.types';
import { labelSeparator } from '@/lib/i18n/config';
import { send } from '@/lib/query/api-client';
import { triageText } from '@/lib/triage/triage-text';
import { categoryLabel, categoryTree } from './admin-options';
import { useCrudEditor } from './use-crud-editor';

type Data = AdminScreenData['triage'];
type Rule = Data['rules'][number];

const URGENCY_COLOR: Record<string, string> = { extra_urgent: 'red', urgent: 'orange' };

/** 研判规则: the keyword rules table, an editor per rule, and a try-it box running the pure triage on them. */
export function TriageRulesEditor({ data }: { data: Data }) {
  const t = useTranslations('admin.triage');
  const tc = useTranslations('admin.common');
  const locale = useLocale();
  const { form, initial, editing, formError, modalProps, ...crud } = useCrudEditor<Rule>();
  const [sample, setSample] = useState('');
  const nameOf = useLocalisedName();
  const urgencyName = (code: string | null) => {
    const u = data.urgencies.find((x) => x.code === code);
    return u ? nameOf(u) : null;
  };
  const tree = useMemo(() => categoryTree(data.categories, true, nameOf), [data.categories, nameOf]);

  function open(rule: Rule | 'new') {
    crud.open(
      rule,
      rule === 'new'
        ? {
            id: '',
            name: '',
            keywords: [],
            urgencyCode: null,
            categoryCode: null,
            requires: [],
            excludes: [],
            active: true,
          }
        : rule,
    );
  }

  const save = (rule: Rule | 'new', values: Record<string, unknown>) =>
    crud.save(
      triageRuleInput,
      (input) =>
        rule === 'new'
          ? send('POST', '/api/admin/triage-rules', input)
          : send('PATCH', `/api/admin/triage-rules/${encodeURIComponent(rule.id)}`, input),
      { values },
    );

  const toggle = (rule: Rule, active: boolean) =>
    crud.act(
      () => send('PATCH', `/api/admin/triage-rules/${encodeURIComponent(rule.id)}`, { ...rule, active }),
      {
        successText: null,
        errorOf: (error) => error.serverMessage ?? error.code,
      },
    );

  const tried = sample.trim()
    ? triageText(
        { title: '', description: sample, categoryCode: null, kind: 'complaint' },
        {
          rules: data.rules
            .filter((r) => r.active)
            .map((r) => ({
              id: r.id,
              name: r.name,
              keywords: r.keywords,
              ...(r.urgencyCode === 'urgent' || r.urgencyCode === 'extra_urgent'
                ? { urgencyCode: r.urgencyCode }
                : {}),
              ...(r.categoryCode ? { categoryCode: r.categoryCode } : {}),
              requires: r.requires,
              excludes: r.excludes,
            })),
        },
      )
    : null;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {data.rules.length === 0 && <Alert type="warning" showIcon message={t('defaultsInUse')} />}
      <Card size="small" title={t('tryTitle')}>
        <Input.TextArea
          rows={2}
          value={sample}
          placeholder={t('tryPlaceholder')}
          aria-label={t('tryTitle')}
          onChange={(e) => setSample(e.target.value)}
        />
        {tried && (
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }} data-testid="triage-try-result">
            <Typography.Text strong>
              {t('tryResult')}
              {labelSeparator(locale)}
            </Typography.Text>
            {tried.reason}
          </Typography.Paragraph>
        )}
      </Card>
      <Table<Rule>
        rowKey="id"
        size="middle"
        dataSource={data.rules}
        pagination={false}
        title={() => (
          <Space style={{ justifyContent: 'space-between', width: '100%' }}>
            <Typography.Text type="secondary">{tc('total', { count: data.rules.length })}</Typography.Text>
            <Button type="primary" onClick={() => open('new')} data-action="add-rule">
              {t('add')}
            </Button>
          </Space>
        )}
        columns={[
          {
            title: t('name'),
            dataIndex: 'name',
            // The rule's name, id and keywords are the administrator's data, in the language they wrote.
            render: (name: string, r) => (
              <Space direction="vertical" size={0} data-user-content>
                <Typography.Text strong>{name}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.id}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('keywords'),
            dataIndex: 'keywords',
            render: (keywords: string[]) => (
              <Space size={[4, 4]} wrap data-user-content>
                {keywords.map((k) => (
                  <Tag key={k}>{k}</Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('urgency'),
            dataIndex: 'urgencyCode',
            width: 100,
            render: (code: string | null) =>
              code ? (
                <Tag color={URGENCY_COLOR[code]}>{urgencyName(code)}</Tag>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          {
            title: t('category'),
            dataIndex: 'categoryCode',
            width: 160,
            render: (code: string | null) => categoryLabel(data.categories, code, nameOf) ?? '—',
          },
          {
            title: tc('status'),
            dataIndex: 'active',
            width: 90,
            render: (active: boolean, r) => (
              // The switch is named by the rule's name, the administrator's data.
              <span data-user-content>
                <Switch
                  size="small"
                  checked={active}
                  aria-label={`${r.name} ${tc('active')}`}
                  onChange={(v) => void toggle(r, v)}
                />
              </span>
            ),
          },
          {
            title: tc('actions'),
            width: 80,
            render: (_: unknown, r) => (
              <Button type="link" size="small" onClick={() => open(r)}>
                {tc('edit')}
              </Button>
            ),
          },
        ]}
      />
      {editing !== null && (
        <Modal
          {...modalProps}
          title={editing === 'new' ? t('addTitle') : t('editTitle')}
          onOk={() => {
            if (editing) void save(editing, form.getFieldsValue(true));
          }}
        >
          <Form form={form} layout="vertical" initialValues={initial} requiredMark>
            <Form.Item name="id" label={t('id')} extra={t('idHint')} required>
              <Input disabled={editing !== 'new'} maxLength={48} />
            </Form.Item>
            <Form.Item name="name" label={t('name')} required>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="keywords" label={t('keywords')} extra={t('keywordsHint')} required>
              <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} />
            </Form.Item>
            <Form.Item name="urgencyCode" label={t('urgency')}>
              <Select
                allowClear
                placeholder={t('noUrgency')}
                options={data.urgencies
                  .filter((u) => u.code !== 'normal')
                  .map((u) => ({ value: u.code, label: nameOf(u) }))}
              />
            </Form.Item>
            <Form.Item name="categoryCode" label={t('category')}>
              <TreeSelect
                allowClear
                showSearch
                treeNodeFilterProp="title"
                placeholder={t('noCategory')}
                treeData={tree}
              />
            </Form.Item>
            <Form.Item
              name="requires"
              label={t('requires')}
              extra={t.rich('requiresHint', { zh: chineseTerm })}
            >
              <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} />
            </Form.Item>
            <Form.Item
              name="excludes"
              label={t('excludes')}
              extra={t.rich('excludesHint', { zh: chineseTerm })}
            >
              <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} />
            </Form.Item>
            <Form.Item name="active" label={tc('status')} valuePropName="checked">
              <Switch checkedChildren={tc('active')} unCheckedChildren={tc('inactive')} />
            </Form.Item>
            {formError && <Alert type="error" showIcon message={formError} />}
          </Form>
        </Modal>
      )}
    </Space>
  );
}
