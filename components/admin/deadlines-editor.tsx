'use client';

import {
  Alert,
  Button,
  Col,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { NumberInput } from '@/components/ui/number-input';
import { useLocalisedName } from '@/components/ui/use-localised-name';
import { userContentOnCell } from '@/components/ui/user-content';
import { deadlinePolicyInput, TIERS } from '@/lib/admin/admin-input';
import type { AdminScreenData } from '@/lib/admin/admin-screen.types';
import { send } from '@/lib/query/api-client';
import { categoryLabel, categoryTree } from './admin-options';
import { useCrudEditor } from './use-crud-editor';

type Data = AdminScreenData['deadlines'];
type Policy = Data['policies'][number];

/** 办理时限: the deadline policies (category, tier, urgency → dispatch, first reply, resolve). */
export function DeadlinesEditor({ data }: { data: Data }) {
  const t = useTranslations('admin.deadlines');
  const tc = useTranslations('admin.common');
  const tt = useTranslations('admin.tier');
  const { form, initial, editing, formError, modalProps, errorText, ...crud } = useCrudEditor<Policy>();
  const nameOf = useLocalisedName();
  const categories = useMemo(() => categoryTree(data.categories, false, nameOf), [data.categories, nameOf]);
  const any = <Typography.Text type="secondary">{tc('any')}</Typography.Text>;
  const urgencyName = (code: string | null) => {
    const u = data.urgencies.find((x) => x.code === code);
    return u ? nameOf(u) : code;
  };

  function open(policy: Policy | 'new') {
    crud.open(
      policy,
      policy === 'new'
        ? {
            categoryCode: null,
            tier: null,
            urgencyCode: null,
            dispatchHours: 24,
            firstReplyDays: 5,
            resolveDays: 15,
            workingDays: true,
            note: '',
          }
        : { ...policy, note: policy.note ?? '' },
    );
  }

  async function save() {
    if (!editing) return;
    await crud.save(deadlinePolicyInput, (input) =>
      editing === 'new'
        ? send('POST', '/api/admin/deadline-policies', input)
        : send('PATCH', `/api/admin/deadline-policies/${editing.id}`, input),
    );
  }

  const remove = (policy: Policy) =>
    crud.act(() => send('DELETE', `/api/admin/deadline-policies/${policy.id}`), {
      successText: tc('deleted'),
      errorOf: (error) => errorText(error.fields[0]?.message ?? error.code),
    });

  return (
    <>
      <Table<Policy>
        rowKey="id"
        size="middle"
        dataSource={data.policies}
        pagination={false}
        title={() => (
          <Space style={{ justifyContent: 'space-between', width: '100%' }}>
            <Typography.Text type="secondary">{tc('total', { count: data.policies.length })}</Typography.Text>
            <Button type="primary" onClick={() => open('new')} data-action="add-policy">
              {t('add')}
            </Button>
          </Space>
        )}
        columns={[
          { title: '#', dataIndex: 'id', width: 50 },
          {
            title: t('category'),
            dataIndex: 'categoryCode',
            render: (c: string | null) => categoryLabel(data.categories, c, nameOf) ?? any,
          },
          { title: t('tier'), dataIndex: 'tier', render: (v: 'county' | null) => (v ? tt(v) : any) },
          {
            title: t('urgency'),
            dataIndex: 'urgencyCode',
            render: (c: string | null) =>
              c ? (
                <Tag color={c === 'extra_urgent' ? 'red' : c === 'urgent' ? 'orange' : undefined}>
                  {urgencyName(c)}
                </Tag>
              ) : (
                any
              ),
          },
          { title: t('dispatchHours'), dataIndex: 'dispatchHours', align: 'right' },
          { title: t('firstReplyDays'), dataIndex: 'firstReplyDays', align: 'right' },
          { title: t('resolveDays'), dataIndex: 'resolveDays', align: 'right' },
          {
            title: t('workingDays'),
            dataIndex: 'workingDays',
            render: (w: boolean) => (w ? t('working') : t('calendarDays')),
          },
          { title: tc('note'), dataIndex: 'note', ellipsis: true, width: 280, onCell: userContentOnCell },
          {
            title: tc('actions'),
            width: 120,
            render: (_: unknown, p) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => open(p)}>
                  {tc('edit')}
                </Button>
                {(p.categoryCode || p.tier || p.urgencyCode) && (
                  <Popconfirm title={tc('confirmDelete')} onConfirm={() => void remove(p)}>
                    <Button type="link" size="small" danger>
                      {tc('delete')}
                    </Button>
                  </Popconfirm>
                )}
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
          width={620}
        >
          <Form form={form} layout="vertical" initialValues={initial}>
            <Row gutter={12}>
              <Col span={10}>
                <Form.Item name="categoryCode" label={t('category')}>
                  <TreeSelect
                    allowClear
                    showSearch
                    treeNodeFilterProp="title"
                    placeholder={tc('any')}
                    treeData={categories}
                  />
                </Form.Item>
              </Col>
              <Col span={7}>
                <Form.Item name="tier" label={t('tier')}>
                  <Select
                    allowClear
                    placeholder={tc('any')}
                    options={TIERS.map((v) => ({ value: v, label: tt(v) }))}
                  />
                </Form.Item>
              </Col>
              <Col span={7}>
                <Form.Item name="urgencyCode" label={t('urgency')}>
                  <Select
                    allowClear
                    placeholder={tc('any')}
                    options={data.urgencies.map((u) => ({ value: u.code, label: nameOf(u) }))}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={12}>
              <Col span={8}>
                <Form.Item name="dispatchHours" label={t('dispatchHours')} required>
                  <NumberInput min={1} max={240} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="firstReplyDays" label={t('firstReplyDays')} required>
                  <NumberInput min={1} max={90} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="resolveDays" label={t('resolveDays')} required>
                  <NumberInput min={1} max={365} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="workingDays" label={t('workingDays')}>
              <Radio.Group
                options={[
                  { value: true, label: t('working') },
                  { value: false, label: t('calendarDays') },
                ]}
              />
            </Form.Item>
            <Form.Item name="note" label={tc('note')}>
              <Input maxLength={200} />
            </Form.Item>
            {formError && <Alert type="error" showIcon message={formError} />}
          </Form>
        </Modal>
      )}
    </>
  );
}
