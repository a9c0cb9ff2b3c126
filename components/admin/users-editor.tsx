'use client';

import {
  Alert,
  App,
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
import { useLocale, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { userContentCell } from '@/components/ui/user-content';
import { newUserInput, ROLE_BINDING, userInput } from '@/lib/admin/admin-input';
import type { AdminScreenData } from '@/lib/admin/admin-screen.types';
import { ROLES, type Role } from '@/lib/auth/types';
import { labelSeparator } from '@/lib/i18n/config';
import { send } from '@/lib/query/api-client';
import { divisionTree, officeOptions } from './admin-options';
import { useCrudEditor } from './use-crud-editor';

type Data = AdminScreenData['users'];
type User = Data['users'][number];

/** 用户与权限: accounts with role and binding; create, edit, lock/unlock, reset password. */
export function UsersEditor({ data }: { data: Data }) {
  const t = useTranslations('admin.users');
  const tc = useTranslations('admin.common');
  const tr = useTranslations('admin.role');
  const locale = useLocale();
  const { form, initial, editing, formError, modalProps, errorText, ...crud } = useCrudEditor<User>();
  const { message, modal } = App.useApp();
  const [query, setQuery] = useState('');
  const role = Form.useWatch('role', form) as Role | undefined;
  const divisions = useMemo(() => divisionTree(data.divisions), [data.divisions]);
  const offices = useMemo(() => officeOptions(data.offices, data.divisions), [data.offices, data.divisions]);
  const grids = useMemo(
    () =>
      data.grids.map((g) => ({
        value: g.id,
        label: `${g.village_name ?? ''} ${g.name}`,
        search: `${g.village_name ?? ''} ${g.name} ${g.code}`,
      })),
    [data.grids],
  );

  const rows = data.users.filter(
    (u) => !query || u.username.toLowerCase().includes(query.toLowerCase()) || u.display_name.includes(query),
  );

  function open(user: User | 'new') {
    crud.open(
      user,
      user === 'new'
        ? {
            username: '',
            displayName: '',
            role: 'handler',
            divisionCode: null,
            officeId: null,
            gridId: null,
            phone: '',
            password: '',
          }
        : {
            username: user.username,
            displayName: user.display_name,
            role: user.role,
            divisionCode: user.division_code,
            officeId: user.office_id,
            gridId: user.grid_id,
            phone: user.phone ?? '',
          },
    );
  }

  async function save() {
    if (!editing) return;
    await crud.save(
      editing === 'new' ? newUserInput : userInput,
      (input) =>
        editing === 'new'
          ? send<{ sessionsEnded?: boolean }>('POST', '/api/admin/users', input)
          : send<{ sessionsEnded?: boolean }>('PATCH', `/api/admin/users/${editing.id}`, input),
      { successText: (data) => (data?.sessionsEnded ? t('sessionsEnded') : tc('saved')) },
    );
  }

  const lock = (user: User, locked: boolean) =>
    crud.act(() => send('POST', `/api/admin/users/${user.id}/lock`, { locked }), {
      errorOf: (error) => errorText(error.fields[0]?.message ?? error.code),
    });

  async function resetPassword(user: User) {
    const result = await send<{ password: string }>('POST', `/api/admin/users/${user.id}/password`);
    if (!result.ok) {
      message.error(errorText(result.error.code));
      return;
    }
    modal.info({
      title: (
        <>
          <span data-user-content>{user.username}</span>
          {labelSeparator(locale)}
          {t('newPassword')}
        </>
      ),
      content: (
        <Typography.Paragraph
          copyable
          code
          style={{ fontSize: 18, marginTop: 12 }}
          data-testid="new-password"
        >
          {result.data.password}
        </Typography.Paragraph>
      ),
    });
  }

  const binding = (u: User) => {
    const kind = ROLE_BINDING[u.role as Role];
    const name = kind === 'gridId' ? u.grid_name : kind === 'officeId' ? u.office_name : u.division_name;
    return name ? userContentCell(name) : <Typography.Text type="danger">{tc('none')}</Typography.Text>;
  };

  const field = role ? ROLE_BINDING[role] : null;

  return (
    <>
      <Table<User>
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        title={() => (
          <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
            <Space>
              <Input.Search
                allowClear
                placeholder={t('filter')}
                style={{ width: 220 }}
                onSearch={setQuery}
                onChange={(e) => !e.target.value && setQuery('')}
              />
              <Typography.Text type="secondary">{tc('total', { count: rows.length })}</Typography.Text>
            </Space>
            <Button type="primary" onClick={() => open('new')} data-action="add-user">
              {t('add')}
            </Button>
          </Space>
        )}
        columns={[
          { title: t('username'), dataIndex: 'username', render: userContentCell },
          { title: t('displayName'), dataIndex: 'display_name', render: userContentCell },
          { title: t('role'), dataIndex: 'role', width: 100, render: (r: Role) => <Tag>{tr(r)}</Tag> },
          { title: t('binding'), render: (_: unknown, u) => binding(u) },
          {
            title: t('status'),
            width: 120,
            render: (_: unknown, u) =>
              u.disabled_at ? (
                <Tag color="red">{t('disabled')}</Tag>
              ) : u.locked_out ? (
                <Tag color="orange">{t('lockedOut')}</Tag>
              ) : (
                <Tag color="green">{t('normal')}</Tag>
              ),
          },
          {
            title: t('lastLogin'),
            dataIndex: 'last_login_at',
            width: 150,
            render: (v: string | null) => v ?? '—',
          },
          {
            title: tc('actions'),
            width: 210,
            render: (_: unknown, u) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => open(u)}>
                  {tc('edit')}
                </Button>
                {u.disabled_at || u.locked_out ? (
                  <Button type="link" size="small" onClick={() => void lock(u, false)}>
                    {t('unlock')}
                  </Button>
                ) : (
                  <Popconfirm title={t('confirmLock')} onConfirm={() => void lock(u, true)}>
                    <Button type="link" size="small" danger>
                      {t('lock')}
                    </Button>
                  </Popconfirm>
                )}
                <Popconfirm title={t('confirmReset')} onConfirm={() => void resetPassword(u)}>
                  <Button type="link" size="small">
                    {t('resetPassword')}
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
          title={
            editing === 'new' ? t('addTitle') : editing ? t('editTitle', { username: editing.username }) : ''
          }
          onOk={() => void save()}
          width={600}
        >
          <Form form={form} layout="vertical" initialValues={initial}>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name="username" label={t('username')} required>
                  <Input maxLength={40} autoComplete="off" />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="displayName" label={t('displayName')} required>
                  <Input maxLength={40} />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={12}>
              <Col span={10}>
                <Form.Item name="role" label={t('role')} required>
                  <Select options={ROLES.map((r) => ({ value: r, label: tr(r) }))} />
                </Form.Item>
              </Col>
              <Col span={14}>
                {field === 'divisionCode' && (
                  <Form.Item name="divisionCode" label={t('division')} required>
                    <TreeSelect showSearch treeNodeFilterProp="title" treeData={divisions} />
                  </Form.Item>
                )}
                {field === 'officeId' && (
                  <Form.Item name="officeId" label={t('office')} required>
                    <Select showSearch optionFilterProp="search" options={offices} />
                  </Form.Item>
                )}
                {field === 'gridId' && (
                  <Form.Item name="gridId" label={t('grid')} required>
                    <Select showSearch optionFilterProp="search" options={grids} />
                  </Form.Item>
                )}
              </Col>
            </Row>
            {role === 'inspector' && (
              <Form.Item name="officeId" label={t('inspectorOffice')}>
                <Select allowClear showSearch optionFilterProp="search" options={offices} />
              </Form.Item>
            )}
            <Form.Item name="phone" label={t('phone')}>
              <Input maxLength={30} />
            </Form.Item>
            {editing === 'new' && (
              <Form.Item name="password" label={t('password')} extra={t('passwordHint')} required>
                <Input.Password maxLength={128} autoComplete="new-password" />
              </Form.Item>
            )}
            {formError && <Alert type="error" showIcon message={formError} />}
          </Form>
        </Modal>
      )}
    </>
  );
}
