'use client';

import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import { useLocale, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { NumberInput } from '@/components/ui/number-input';
import { useLocalisedName } from '@/components/ui/use-localised-name';
import { UserContent, userContentCell, userContentOnCell, userData } from '@/components/ui/user-content';
import { routingProbeInput, routingRuleInput, TIERS } from '@/lib/admin/admin-input';
import type { AdminScreenData, RoutingProbe as ProbeResult } from '@/lib/admin/admin-screen.types';
import { labelSeparator } from '@/lib/i18n/config';
import { send } from '@/lib/query/api-client';
import { categoryLabel, categoryTree, divisionName, divisionTree, officeOptions } from './admin-options';
import { useAdminErrorText, useFormChecks } from './form-checks';
import { useCrudEditor } from './use-crud-editor';

type Data = AdminScreenData['routing'];
type Rule = Data['rules'][number];

/** 权责匹配: the routing table with filters, an editor per rule, and the "test this point" tool. */
export function RoutingEditor({ data }: { data: Data }) {
  const t = useTranslations('admin.routing');
  const tc = useTranslations('admin.common');
  const tt = useTranslations('admin.tier');
  const { form, initial, editing, formError, modalProps, ...crud } = useCrudEditor<Rule>();
  const [filterCategory, setFilterCategory] = useState<string | null>(null);
  const [filterTier, setFilterTier] = useState<string | null>(null);

  const nameOf = useLocalisedName();
  const allCategories = useMemo(
    () => categoryTree(data.categories, false, nameOf),
    [data.categories, nameOf],
  );
  const divisions = useMemo(() => divisionTree(data.divisions), [data.divisions]);
  const offices = useMemo(() => officeOptions(data.offices, data.divisions), [data.offices, data.divisions]);
  const officeName = useMemo(() => new Map(data.offices.map((o) => [o.id, o.name])), [data.offices]);
  const tierOptions = TIERS.map((v) => ({ value: v, label: tt(v) }));

  const rows = data.rules.filter(
    (r) =>
      (!filterCategory || r.category_code === filterCategory || r.category_code.startsWith(filterCategory)) &&
      (!filterTier || r.tier === filterTier),
  );

  function open(rule: Rule | 'new') {
    crud.open(
      rule,
      rule === 'new'
        ? {
            categoryCode: filterCategory,
            tier: filterTier,
            divisionCode: null,
            officeId: null,
            coOfficeIds: [],
            priority: 0,
            note: '',
          }
        : {
            categoryCode: rule.category_code,
            tier: rule.tier,
            divisionCode: rule.division_code,
            officeId: rule.office_id,
            coOfficeIds: rule.co_office_ids,
            priority: rule.priority,
            note: rule.note ?? '',
          },
    );
  }

  async function save() {
    if (!editing) return;
    await crud.save(routingRuleInput, (input) =>
      editing === 'new'
        ? send('POST', '/api/admin/routing-rules', input)
        : send('PATCH', `/api/admin/routing-rules/${editing.id}`, input),
    );
  }

  const remove = (rule: Rule) =>
    crud.act(() => send('DELETE', `/api/admin/routing-rules/${rule.id}`), {
      successText: tc('deleted'),
      errorOf: (error) => error.serverMessage ?? error.code,
    });

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <RoutingProbe data={data} />
      <Table<Rule>
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        title={() => (
          <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
            <Space wrap>
              <TreeSelect
                allowClear
                showSearch
                treeNodeFilterProp="title"
                style={{ width: 220 }}
                placeholder={t('filterCategory')}
                aria-label={t('filterCategory')}
                treeData={allCategories}
                value={filterCategory}
                onChange={(v) => setFilterCategory(v ?? null)}
              />
              <Select
                allowClear
                style={{ width: 140 }}
                placeholder={t('filterTier')}
                aria-label={t('filterTier')}
                options={tierOptions}
                value={filterTier}
                onChange={(v) => setFilterTier(v ?? null)}
              />
              <Typography.Text type="secondary">{tc('total', { count: rows.length })}</Typography.Text>
            </Space>
            <Button type="primary" onClick={() => open('new')} data-action="add-routing-rule">
              {t('add')}
            </Button>
          </Space>
        )}
        columns={[
          { title: '#', dataIndex: 'id', width: 60 },
          {
            title: t('category'),
            dataIndex: 'category_code',
            render: (c: string) => categoryLabel(data.categories, c, nameOf),
          },
          { title: t('tier'), dataIndex: 'tier', width: 90, render: (v: 'county') => tt(v) },
          {
            title: t('division'),
            dataIndex: 'division_code',
            render: (c: string | null) =>
              (c && userContentCell(divisionName(data.divisions, c))) ?? (
                <Typography.Text type="secondary">{t('divisionAny')}</Typography.Text>
              ),
          },
          {
            title: t('office'),
            dataIndex: 'office_id',
            render: (id: number | null) =>
              id === null ? (
                <Typography.Text type="secondary">{t('officeDefault')}</Typography.Text>
              ) : (
                userContentCell(officeName.get(id) ?? `#${id}`)
              ),
          },
          {
            title: t('coOffices'),
            dataIndex: 'co_office_ids',
            render: (ids: number[]) => (
              <Space size={[4, 4]} wrap data-user-content>
                {ids.map((id) => (
                  <Tag key={id}>{officeName.get(id) ?? `#${id}`}</Tag>
                ))}
              </Space>
            ),
          },
          { title: t('priority'), dataIndex: 'priority', width: 70 },
          { title: tc('note'), dataIndex: 'note', ellipsis: true, onCell: userContentOnCell },
          {
            title: tc('actions'),
            width: 120,
            render: (_: unknown, r) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => open(r)}>
                  {tc('edit')}
                </Button>
                <Popconfirm title={tc('confirmDelete')} onConfirm={() => void remove(r)}>
                  <Button type="link" size="small" danger>
                    {tc('delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing !== null && (
        <Modal
          {...modalProps}
          title={editing === 'new' ? t('addTitle') : editing ? t('editTitle', { id: editing.id }) : ''}
          onOk={() => void save()}
          width={640}
        >
          <Form form={form} layout="vertical" initialValues={initial}>
            <Row gutter={12}>
              <Col span={14}>
                <Form.Item name="categoryCode" label={t('category')} required>
                  <TreeSelect showSearch treeNodeFilterProp="title" treeData={allCategories} />
                </Form.Item>
              </Col>
              <Col span={10}>
                <Form.Item name="tier" label={t('tier')} required>
                  <Select options={tierOptions} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="divisionCode" label={t('division')}>
              <TreeSelect
                allowClear
                showSearch
                treeNodeFilterProp="title"
                placeholder={t('divisionAny')}
                treeData={divisions}
              />
            </Form.Item>
            <Form.Item name="officeId" label={t('office')}>
              <Select
                allowClear
                showSearch
                optionFilterProp="search"
                placeholder={t('officeDefault')}
                options={offices}
              />
            </Form.Item>
            <Form.Item name="coOfficeIds" label={t('coOffices')}>
              <Select mode="multiple" allowClear showSearch optionFilterProp="search" options={offices} />
            </Form.Item>
            <Row gutter={12}>
              <Col span={8}>
                <Form.Item name="priority" label={t('priority')}>
                  <NumberInput style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={16}>
                <Form.Item name="note" label={tc('note')}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
            </Row>
            {formError && <Alert type="error" showIcon message={formError} />}
          </Form>
        </Modal>
      )}
    </Space>
  );
}

function RoutingProbe({ data }: { data: Data }) {
  const t = useTranslations('admin.routing');
  const locale = useLocale();
  const tt = useTranslations('admin.tier');
  const checks = useFormChecks();
  const errorText = useAdminErrorText();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ProbeResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const nameOf = useLocalisedName();
  const leaves = useMemo(() => categoryTree(data.categories, true, nameOf), [data.categories, nameOf]);
  const villages = useMemo(
    () =>
      data.divisions
        .filter((d) => d.level === 'village' && d.lng !== null)
        .map((d) => ({ value: d.code, label: d.name, lng: d.lng!, lat: d.lat! })),
    [data.divisions],
  );
  const officeName = useMemo(() => new Map(data.offices.map((o) => [o.id, o.name])), [data.offices]);

  async function run() {
    setError(null);
    const input = checks.validate(form, routingProbeInput, form.getFieldsValue(true));
    if (!input) return;
    setBusy(true);
    const r = await send<ProbeResult>('POST', '/api/admin/routing-probe', input);
    setBusy(false);
    if (r.ok) setResult(r.data);
    else {
      setResult(null);
      setError(checks.apply(form, r.error) ?? errorText(r.error.code));
    }
  }

  return (
    <Card size="small" title={t('probeTitle')} data-testid="routing-probe">
      <Typography.Paragraph type="secondary">{t('probeHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        initialValues={{ lng: 101.7185, lat: 26.5823, categoryCode: 'SL01', tier: null }}
        style={{ rowGap: 8 }}
      >
        <Form.Item label={t('probeVillage')}>
          <Select
            showSearch
            optionFilterProp="label"
            aria-label={t('probeVillage')}
            style={{ width: 180 }}
            options={villages}
            onChange={(_, option) => {
              const v = option as (typeof villages)[number];
              form.setFieldsValue({ lng: Number(v.lng.toFixed(6)), lat: Number(v.lat.toFixed(6)) });
            }}
          />
        </Form.Item>
        <Form.Item name="lng" label={t('lng')} required>
          <NumberInput step={0.001} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="lat" label={t('lat')} required>
          <NumberInput step={0.001} style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name="categoryCode" label={t('category')} required>
          <TreeSelect showSearch treeNodeFilterProp="title" style={{ width: 180 }} treeData={leaves} />
        </Form.Item>
        <Form.Item name="tier" label={t('tier')}>
          <Select
            allowClear
            style={{ width: 150 }}
            placeholder={t('probeTier')}
            options={TIERS.map((v) => ({ value: v, label: tt(v) }))}
          />
        </Form.Item>
        <Button type="primary" loading={busy} onClick={() => void run()} data-action="probe">
          {t('probeRun')}
        </Button>
      </Form>
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon message={error} />}
      {result && (
        <div style={{ marginTop: 12 }} data-testid="probe-result">
          {result.decision.kind === 'routed' ? (
            <Alert
              type="success"
              showIcon
              message={t.rich('probeRouted', {
                office: officeName.get(result.decision.officeId) ?? `#${result.decision.officeId}`,
                data: userData,
              })}
              description={<UserContent>{result.decision.reason}</UserContent>}
            />
          ) : (
            <Alert
              type="warning"
              showIcon
              message={t('probeManual')}
              description={<UserContent>{result.decision.reason}</UserContent>}
            />
          )}
          <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
            <Descriptions.Item label={t('tier')}>
              {t('probeTierUsed', {
                tier: tt(result.tier),
                source: result.tierSource === 'given' ? t('probeTierGiven') : t('probeTierDefault'),
              })}
              {result.decision.kind === 'routed' && (
                <Tag style={{ marginLeft: 8 }}>{t('probeRule', { id: result.decision.ruleId })}</Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('probeVillages', { meters: result.boundaryMeters })}>
              {result.villages.length === 0 ? (
                t('probeNone')
              ) : (
                <List
                  size="small"
                  dataSource={result.villages}
                  renderItem={(v) => (
                    <List.Item style={{ padding: '2px 0' }}>
                      <UserContent>
                        {v.townName ?? ''}
                        {v.name}
                      </UserContent>
                      {locale.startsWith('zh') ? `（${v.code}）` : ` (${v.code})`}
                      {labelSeparator(locale)}
                      {v.contains ? t('probeInside') : t('probeDistance', { meters: v.distanceM })}
                    </List.Item>
                  )}
                />
              )}
            </Descriptions.Item>
          </Descriptions>
        </div>
      )}
    </Card>
  );
}
