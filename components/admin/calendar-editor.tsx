'use client';

import {
  Alert,
  Button,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useTranslations } from 'next-intl';
import { useMemo, useRef, useState } from 'react';
import { chineseTerm, userContentCell } from '@/components/ui/user-content';
import { calendarDayInput } from '@/lib/admin/admin-input';
import type { AdminScreenData } from '@/lib/admin/admin-screen.types';
import { send } from '@/lib/query/api-client';
import { calendarCoverage } from '@/lib/sla/calendar-coverage';
import styles from './calendar-editor.module.css';
import { useCrudEditor } from './use-crud-editor';

type Data = AdminScreenData['calendar'];
type Day = Data['days'][number];

const pad = (n: number) => String(n).padStart(2, '0');

/** The days of a month as 'YYYY-MM-DD', with the weekday of the first (0 = Monday). */
function monthDays(year: number, month: number): { first: number; days: string[] } {
  const count = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const first = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7;
  return { first, days: Array.from({ length: count }, (_, i) => `${year}-${pad(month)}-${pad(i + 1)}`) };
}

/** 节假日日历: a year view (holidays red, 调休 workdays blue), a click edits a day, CSV import per year. */
export function CalendarEditor({ data }: { data: Data }) {
  const t = useTranslations('admin.calendar');
  const tc = useTranslations('admin.common');
  const { form, initial, editing, busy, setBusy, formError, errorText, message, router, ...crud } =
    useCrudEditor<string>();
  const [importing, setImporting] = useState(false);
  const [csv, setCsv] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const [importErrors, setImportErrors] = useState<string[]>([]);
  const byDay = useMemo(() => new Map(data.days.map((d) => [d.day, d])), [data.days]);
  const weekdays = t('weekdays').split(',');
  const years = [...new Set([...data.years, data.year - 1, data.year, data.year + 1])].sort();
  const existing = editing ? byDay.get(editing) : undefined;

  function open(day: string) {
    const d = byDay.get(day);
    const weekend = [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
    crud.open(day, { day, isWorkday: d ? d.isWorkday : weekend, name: d?.name ?? '' });
  }

  const save = () => crud.save(calendarDayInput, (input) => send('POST', '/api/admin/calendar-days', input));

  const remove = (day: string) =>
    crud.act(() => send('DELETE', `/api/admin/calendar-days/${day}`), {
      successText: tc('deleted'),
      close: true,
    });

  async function runImport() {
    setBusy(true);
    const result = await send<{ imported: number; removed: number }>('POST', '/api/admin/calendar-import', {
      year: data.year,
      csv,
    });
    setBusy(false);
    if (!result.ok) {
      const fields = result.error.fields ?? [];
      setImportErrors(
        fields.length
          ? fields.map((f) =>
              errorText(f.message, { line: f.path.startsWith('csv.') ? f.path.slice(4) : '' }),
            )
          : [errorText(result.error.code)],
      );
      return;
    }
    message.success(t('imported', { count: result.data.imported, removed: result.data.removed }));
    setImporting(false);
    setCsv('');
    setImportErrors([]);
    router.refresh();
  }

  // The calendar covers the years it has entries for; outside them working days skip weekends only.
  const range = calendarCoverage(data.years, data.year);
  const outside = !range.covered;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Alert
        type={outside ? 'warning' : 'info'}
        showIcon
        data-calendar-range={range.first === null ? '' : `${range.first}-${range.last}`}
        message={
          range.first === null || range.last === null
            ? t('rangeEmpty')
            : t('range', { first: range.first, last: range.last })
        }
        description={outside ? t('outsideRange', { year: data.year }) : t('fallback')}
      />
      <Space wrap>
        <span>{t('year')}</span>
        <Select
          value={data.year}
          style={{ width: 110 }}
          options={years.map((y) => ({ value: y, label: y }))}
          onChange={(y) => router.push(`/admin/calendar?year=${y}`)}
          aria-label={t('year')}
        />
        <Tag color="red">{t('holiday')}</Tag>
        <Tag color="blue">{t('workday')}</Tag>
        <Tag>{t('weekend')}</Tag>
        <Typography.Text type="secondary">{t('clickHint')}</Typography.Text>
        <Button onClick={() => setImporting(true)} data-action="import-calendar">
          {t('import')}
        </Button>
      </Space>
      <div className={styles.year} data-testid="calendar-year">
        {Array.from({ length: 12 }, (_, i) => i + 1).map((month) => {
          const { first, days } = monthDays(data.year, month);
          return (
            <div key={month} className={styles.month}>
              <div className={styles.monthTitle}>{t('month', { month })}</div>
              <div className={styles.grid}>
                {weekdays.map((w) => (
                  <div key={w} className={styles.weekday}>
                    {w}
                  </div>
                ))}
                {Array.from({ length: first }, (_, k) => (
                  <div key={`pad-${k}`} />
                ))}
                {days.map((day, k) => {
                  const d = byDay.get(day);
                  const weekend = (first + k) % 7 >= 5;
                  const kind = d
                    ? d.isWorkday
                      ? styles.workday
                      : styles.holiday
                    : weekend
                      ? styles.weekend
                      : '';
                  return (
                    <button
                      type="button"
                      key={day}
                      className={`${styles.day} ${kind}`}
                      title={d ? `${day} ${d.name}` : day}
                      // The holiday's name is the administrator's data (its title carries it).
                      data-user-content={d ? '' : undefined}
                      data-day={day}
                      onClick={() => open(day)}
                    >
                      {k + 1}
                    </button>
                  );
                })}
              </div>
            </div>
          );
        })}
      </div>
      <Table<Day>
        rowKey="day"
        size="small"
        title={() => t('list', { year: data.year })}
        dataSource={data.days}
        pagination={false}
        columns={[
          { title: t('day'), dataIndex: 'day', width: 130 },
          {
            title: t('kind'),
            dataIndex: 'isWorkday',
            width: 120,
            render: (w: boolean) =>
              w ? <Tag color="blue">{t('workday')}</Tag> : <Tag color="red">{t('holiday')}</Tag>,
          },
          { title: t('name'), dataIndex: 'name', render: userContentCell },
          {
            title: tc('actions'),
            width: 120,
            render: (_: unknown, d) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => open(d.day)}>
                  {tc('edit')}
                </Button>
                <Popconfirm title={tc('confirmDelete')} onConfirm={() => void remove(d.day)}>
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
          open={editing !== null}
          title={editing ? t('editTitle', { day: editing }) : ''}
          onCancel={crud.close}
          footer={
            <Space>
              {existing && (
                <Popconfirm title={tc('confirmDelete')} onConfirm={() => editing && void remove(editing)}>
                  <Button danger>{tc('delete')}</Button>
                </Popconfirm>
              )}
              <Button onClick={crud.close}>{tc('cancel')}</Button>
              <Button type="primary" loading={busy} onClick={() => void save()}>
                {tc('save')}
              </Button>
            </Space>
          }
        >
          <Form form={form} layout="vertical" initialValues={initial}>
            <Form.Item name="day" hidden>
              <Input />
            </Form.Item>
            <Form.Item name="isWorkday" label={t('kind')} required>
              <Radio.Group
                options={[
                  { value: false, label: t('holiday') },
                  { value: true, label: t('workday') },
                ]}
              />
            </Form.Item>
            <Form.Item name="name" label={t('name')} required>
              <Input maxLength={30} placeholder="春节 / 春节调休上班" />
            </Form.Item>
            {formError && <Alert type="error" showIcon message={formError} />}
          </Form>
        </Modal>
      )}
      <Modal
        open={importing}
        title={t('importTitle', { year: data.year })}
        okText={t('importRun')}
        cancelText={tc('cancel')}
        confirmLoading={busy}
        onOk={() => void runImport()}
        onCancel={() => setImporting(false)}
        width={600}
      >
        <Typography.Paragraph type="secondary">
          {t.rich('importHint', { zh: chineseTerm })}
        </Typography.Paragraph>
        <input
          ref={fileInput}
          type="file"
          accept=".csv,text/csv"
          hidden
          aria-label={t('importFile')}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void file.text().then(setCsv);
          }}
        />
        <Button onClick={() => fileInput.current?.click()}>{t('importFile')}</Button>
        <Input.TextArea
          rows={10}
          value={csv}
          style={{ marginTop: 8, fontFamily: 'monospace' }}
          placeholder={`day,is_workday,name\n${data.year}-01-01,0,元旦`}
          onChange={(e) => setCsv(e.target.value)}
          aria-label={t('import')}
        />
        {importErrors.length > 0 && (
          <Alert
            style={{ marginTop: 8 }}
            type="error"
            showIcon
            message={
              <ul style={{ margin: 0, paddingLeft: 16 }}>
                {importErrors.slice(0, 20).map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            }
          />
        )}
      </Modal>
    </Space>
  );
}
