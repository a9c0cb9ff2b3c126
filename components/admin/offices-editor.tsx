'use client';

import {
  Alert,
  Button,
  Col,
  Form,
  Input,
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
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { useLocalisedName } from '@/components/ui/use-localised-name';
import { userContentCell } from '@/components/ui/user-content';
import { OFFICE_KINDS, officeInput, TIERS } from '@/lib/admin/admin-input';
import type { AdminScreenData } from '@/lib/admin/admin-screen.types';
import { send } from '@/lib/query/api-client';
import { divisionTree } from './admin-options';
import { useCrudEditor } from './use-crud-editor';

type Data = AdminScreenData['offices'];
type Office = Data['offices'][number];

/** 责任单位: list with search, create, edit (name, kind, tier, division, categories served), deactivate. */
export function OfficesEditor({ data }: { data: Data }) {
  const t = useTranslations('admin.offices');
  const tc = useTranslations('admin.common');
  const tt = useTranslations('admin.tier');
  const tk = useTranslations('admin.officeKind');
  const { form, initial, editing, formError, modalProps, ...crud } = useCrudEditor<Office>();
  const [query, setQuery] = useState('');
  const [division, setDivision] = useState<string | null>(null);
  const divisions = useMemo(() => divisionTree(data.divisions), [data.divisions]);
  const countyTree = useMemo(() => divisionTree(data.divisions, 'town'), [data.divisions]);
  const nameOf = useLocalisedName();
  const categoryName = useMemo(
    () => new Map(data.categories.map((c) => [c.code, nameOf(c)])),
    [data.categories, nameOf],
  );

  const rows = data.offices.filter(
    (o) =>
      (!query || o.name.includes(query) || o.code.toLowerCase().includes(query.toLowerCase())) &&
      (!division || o.division_code === division || o.division_code.startsWith(division.replace(/0+$/, ''))),
  );

  function open(office: Office | 'new') {
    crud.open(
      office,
      office === 'new'
        ? {
            code: '',
            name: '',
            kind: 'department',
            tier: 'county',
            divisionCode: null,
            phone: '',
            categoryCodes: [],
          }
        : {
            code: office.code,
            name: office.name,
            kind: office.kind,
            tier: office.tier,
            divisionCode: office.division_code,
            phone: office.phone ?? '',
            categoryCodes: office.category_codes,
          },
    );
  }

  async function save() {
    if (!editing) return;
    await crud.save(officeInput, (input) =>
      editing === 'new'
        ? send('POST', '/api/admin/offices', input)
        : send('PATCH', `/api/admin/offices/${editing.id}`, input),
    );
  }

  const setActive = (office: Office, active: boolean) =>
    crud.act(() => send('POST', `/api/admin/offices/${office.id}/active`, { active }));

  return (
    <>
      <Table<Office>
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        title={() => (
          <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
            <Space wrap>
              <Input.Search
                allowClear
                placeholder={t('filter')}
                aria-label={t('filter')}
                style={{ width: 220 }}
                onSearch={setQuery}
                onChange={(e) => !e.target.value && setQuery('')}
              />
              <TreeSelect
                allowClear
                showSearch
                treeNodeFilterProp="title"
                style={{ width: 200 }}
                placeholder={t('division')}
                aria-label={t('division')}
                treeData={countyTree}
                value={division}
                onChange={(v) => setDivision(v ?? null)}
              />
              <Typography.Text type="secondary">{tc('total', { count: rows.length })}</Typography.Text>
            </Space>
            <Button type="primary" onClick={() => open('new')} data-action="add-office">
              {t('add')}
            </Button>
          </Space>
        )}
        columns={[
          { title: t('code'), dataIndex: 'code', width: 170 },
          {
            title: t('name'),
            dataIndex: 'name',
            width: 220,
            render: (name: string, o) => (
              <Space>
                <span data-user-content>{name}</span>
                {!o.active && <Tag>{tc('inactive')}</Tag>}
              </Space>
            ),
          },
          { title: t('kind'), dataIndex: 'kind', width: 110, render: (k: 'government') => tk(k) },
          { title: t('tier'), dataIndex: 'tier', width: 90, render: (v: 'county') => tt(v) },
          { title: t('division'), dataIndex: 'division_name', width: 120, render: userContentCell },
          {
            title: t('categories'),
            dataIndex: 'category_codes',
            render: (codes: string[]) => (
              <Space size={[2, 2]} wrap>
                {codes.map((c) => (
                  <Tag key={c} style={{ marginInlineEnd: 0 }}>
                    {categoryName.get(c) ?? c}
                  </Tag>
                ))}
              </Space>
            ),
          },
          { title: t('users'), dataIndex: 'user_count', width: 70, align: 'right' },
          {
            title: tc('actions'),
            width: 120,
            render: (_: unknown, o) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => open(o)}>
                  {tc('edit')}
                </Button>
                {o.active ? (
                  <Popconfirm title={t('confirmDeactivate')} onConfirm={() => void setActive(o, false)}>
                    <Button type="link" size="small" danger>
                      {t('deactivate')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button type="link" size="small" onClick={() => void setActive(o, true)}>
                    {t('activate')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing !== null && (
        <Modal
          {...modalProps}
          title={editing === 'new' ? t('addTitle') : t('editTitle')}
          onOk={() => void save()}
          width={640}
        >
          <Form form={form} layout="vertical" initialValues={initial}>
            <Row gutter={12}>
              <Col span={10}>
                <Form.Item name="code" label={t('code')} required>
                  <Input maxLength={40} />
                </Form.Item>
              </Col>
              <Col span={14}>
                <Form.Item name="name" label={t('name')} required>
                  <Input maxLength={60} />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={12}>
              <Col span={8}>
                <Form.Item name="kind" label={t('kind')} required>
                  <Select options={OFFICE_KINDS.map((k) => ({ value: k, label: tk(k) }))} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="tier" label={t('tier')} required>
                  <Select options={TIERS.map((v) => ({ value: v, label: tt(v) }))} />
                </Form.Item>
              </Col>
              <Col span={10}>
                <Form.Item name="divisionCode" label={t('division')} required>
                  <TreeSelect showSearch treeNodeFilterProp="title" treeData={divisions} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="categoryCodes" label={t('categories')}>
              <Select
                mode="multiple"
                allowClear
                optionFilterProp="label"
                options={data.categories.map((c) => ({ value: c.code, label: `${c.code} ${nameOf(c)}` }))}
              />
            </Form.Item>
            <Form.Item name="phone" label={t('phone')}>
              <Input maxLength={30} />
            </Form.Item>
            {formError && <Alert type="error" showIcon message={formError} />}
          </Form>
        </Modal>
      )}
    </>
  );
}
