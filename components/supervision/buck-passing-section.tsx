'use client';

import { App, Button, Card, Col, Modal, Row, Space, Table, Tag, Timeline, Typography } from 'antd';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { deadlineCss } from '@/components/cases/deadline-countdown';
import { UserContent } from '@/components/ui/user-content';
import { labelSeparator } from '@/lib/i18n/config';
import { issueLetter } from '@/lib/query/supervision';
import {
  type BouncingCaseView,
  BUCK_PASSING_Q,
  type BuckPassingResponse,
} from '@/lib/supervision/buck-passing-types';
import { fmtDay, fmtTime } from './letter-state';
import { useErrorText } from './use-error-text';

const RED = deadlineCss('overdue');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const qText = (q: number) => (q < 0.001 ? '<0.001' : q.toFixed(3));

/** The 督办函 draft of a bouncing case: each return and transfer with its reason and date; one click issues it. */
function DraftButton({ c, canIssue }: { c: BouncingCaseView; canIssue: boolean }) {
  const t = useTranslations('supervision.buckPassing');
  const tl = useTranslations('supervision.letter');
  const locale = useLocale();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function issue() {
    setBusy(true);
    setError(null);
    const result = await issueLetter({ complaintId: c.complaintId, ground: 'bouncing' });
    setBusy(false);
    if (!result.ok) {
      setError(errorText(result.error));
      return;
    }
    setOpen(false);
    message.success(tl('issued', { code: result.data.letter.code }));
    router.refresh();
  }

  return (
    <>
      <Button size="small" danger={canIssue} data-action="bouncing-draft" onClick={() => setOpen(true)}>
        {canIssue ? tl('issue') : t('draft')}
      </Button>
      <Modal
        open={open}
        width={680}
        title={t('draftTitle', { code: c.trackingCode })}
        okText={tl('confirm')}
        okButtonProps={{
          danger: true,
          disabled: !canIssue,
          ...({ 'data-action': 'confirm-bouncing-letter' } as Record<string, string>),
        }}
        cancelText={t('close')}
        footer={canIssue ? undefined : (_, { CancelBtn }) => <CancelBtn />}
        confirmLoading={busy}
        onOk={() => void issue()}
        onCancel={() => setOpen(false)}
      >
        <Timeline
          style={{ marginTop: 12 }}
          items={c.bounces.map((b) => ({
            color: b.type === 'returned' ? 'red' : 'orange',
            children: (
              <div>
                <Typography.Text strong>{fmtTime(b.at)}</Typography.Text> <Tag>{t(`type.${b.type}`)}</Tag>
                {b.from ? <UserContent>{b.from.name}</UserContent> : t('platform')} →{' '}
                {b.to ? <UserContent>{b.to.name}</UserContent> : t('awaiting')}
                <div>
                  <Typography.Text type="secondary">
                    {t('reason')}
                    {labelSeparator(locale)}
                  </Typography.Text>
                  {b.reason ? <UserContent>{b.reason}</UserContent> : t('noReason')}
                </div>
              </div>
            ),
          }))}
        />
        <Typography.Paragraph type="secondary">{t('draftHint')}</Typography.Paragraph>
        {/* The 督办函 is an official document in Chinese, whatever the reader's language. */}
        <pre
          data-draft
          lang="zh-CN"
          style={{
            whiteSpace: 'pre-wrap',
            fontFamily: 'inherit',
            background: '#fafafa',
            padding: 12,
            border: '1px solid #f0f0f0',
          }}
        >
          {c.draft}
        </pre>
        {!canIssue && (
          <Typography.Paragraph type="secondary">
            {c.openLetter ? t('hasLetter', { code: c.openLetter }) : t('cannotIssue')}
          </Typography.Paragraph>
        )}
        {error && (
          <Typography.Paragraph type="danger" role="alert">
            {error}
          </Typography.Paragraph>
        )}
      </Modal>
    </>
  );
}

/** 推诿扯皮: bouncing cases, office pairs passing cases back and forth, offices and category × town by rate. */
export function BuckPassingSection({ data, level = 2 }: { data: BuckPassingResponse; level?: 1 | 2 }) {
  const t = useTranslations('supervision.buckPassing');
  const en = useLocale() === 'en';
  const flag = (q: number) =>
    q < BUCK_PASSING_Q ? (
      <Tag color={RED} data-flag="significant">
        {t('significant')}
      </Tag>
    ) : null;
  return (
    <section className="buck-passing" id="buck-passing" data-section="buck-passing">
      <Typography.Title
        level={level}
        style={{ marginTop: level === 1 ? 0 : 24, fontSize: level === 1 ? 24 : 20 }}
      >
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('subtitle', {
          days: data.window.days,
          from: fmtDay(data.window.from),
          to: fmtDay(data.window.to),
          baseRate: pct(data.baseRate),
          baseCaseRate: pct(data.baseCaseRate),
          q: BUCK_PASSING_Q,
          min: data.minVolume,
        })}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24}>
          <Card size="small" title={t('cases', { n: data.cases.length })} data-board="bouncing-cases">
            <Table
              size="small"
              rowKey="complaintId"
              dataSource={data.cases}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
              locale={{ emptyText: t('none') }}
              onRow={(c) => ({ 'data-case-id': String(c.complaintId) }) as object}
              columns={[
                {
                  title: t('columns.case'),
                  key: 'case',
                  render: (_, c) => (
                    <Link href={`/cases/${c.complaintId}`} prefetch={false}>
                      <UserContent>{c.title}</UserContent>{' '}
                      <Typography.Text type="secondary">{c.trackingCode}</Typography.Text>
                    </Link>
                  ),
                },
                {
                  title: t('columns.area'),
                  key: 'area',
                  width: 200,
                  render: (_, c) => (
                    <>
                      {c.town && <UserContent>{c.town.name}</UserContent>}
                      {c.town && c.category && ' · '}
                      {c.category && (en ? c.category.nameEn : c.category.name)}
                    </>
                  ),
                },
                {
                  title: t('columns.bounces'),
                  key: 'n',
                  width: 80,
                  align: 'right',
                  render: (_, c) => <Tag color={RED}>{c.bounces.length}</Tag>,
                },
                {
                  title: t('columns.path'),
                  key: 'path',
                  render: (_, c) =>
                    [c.bounces[0]?.from?.name ?? null, ...c.bounces.map((b) => b.to?.name ?? null)].map(
                      (name, i) =>
                        i === 0 && name === null ? null : (
                          // biome-ignore lint/suspicious/noArrayIndexKey: a path's steps are positional
                          <span key={i}>
                            {i > 0 && ' → '}
                            {name === null ? t('awaiting') : <UserContent>{name}</UserContent>}
                          </span>
                        ),
                    ),
                },
                {
                  title: t('columns.letter'),
                  key: 'letter',
                  width: 130,
                  render: (_, c) => (
                    <Space size={4}>
                      {c.openLetter && <Tag>{c.openLetter}</Tag>}
                      <DraftButton c={c} canIssue={c.canIssue} />
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('pairs')} data-board="bouncing-pairs">
            <Table
              size="small"
              rowKey={(p) => `${p.a.id}:${p.b.id}`}
              dataSource={data.pairs}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
              locale={{ emptyText: t('none') }}
              columns={[
                {
                  title: t('columns.pair'),
                  key: 'pair',
                  render: (_, p) => (
                    <span>
                      <UserContent>{p.a.name}</UserContent> ⇄ <UserContent>{p.b.name}</UserContent>{' '}
                      {p.backAndForth && (
                        <Tag color={RED}>{t('backAndForthN', { n: p.backAndForthCases })}</Tag>
                      )}
                    </span>
                  ),
                },
                {
                  title: t('columns.aToB'),
                  key: 'ab',
                  width: 110,
                  align: 'right',
                  render: (_, p) => `${p.aToB} / ${p.bToA}`,
                },
                {
                  title: t('columns.caseCount'),
                  key: 'cases',
                  width: 70,
                  align: 'right',
                  render: (_, p) => p.complaintIds.length,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('offices')} data-board="bouncing-offices">
            <Table
              size="small"
              rowKey={(o) => o.office.id}
              dataSource={data.offices}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
              locale={{ emptyText: t('none') }}
              columns={[
                {
                  title: t('columns.office'),
                  key: 'office',
                  render: (_, o) => (
                    <span>
                      <UserContent>{o.office.name}</UserContent> {flag(o.q)}
                    </span>
                  ),
                },
                {
                  title: t('columns.bouncedOfReceived'),
                  key: 'n',
                  width: 110,
                  align: 'right',
                  render: (_, o) => `${o.bounced} / ${o.received}`,
                },
                {
                  title: t('columns.rate'),
                  key: 'rate',
                  width: 80,
                  align: 'right',
                  render: (_, o) => pct(o.rate),
                },
                {
                  title: t('columns.expected'),
                  key: 'exp',
                  width: 80,
                  align: 'right',
                  render: (_, o) => o.expected.toFixed(1),
                },
                { title: t('columns.q'), key: 'q', width: 80, align: 'right', render: (_, o) => qText(o.q) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={t('combos')} data-board="bouncing-combos">
            <Table
              size="small"
              rowKey={(c) => `${c.category.code}:${c.town.code}`}
              dataSource={data.combos}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
              locale={{ emptyText: t('none') }}
              columns={[
                {
                  title: t('columns.combo'),
                  key: 'combo',
                  render: (_, c) => (
                    <span>
                      {en ? c.category.nameEn : c.category.name} ·{' '}
                      <UserContent>
                        {c.town.county ?? ''}
                        {c.town.name}
                      </UserContent>{' '}
                      {flag(c.q)}
                    </span>
                  ),
                },
                {
                  title: t('columns.bouncedOfCases'),
                  key: 'n',
                  width: 120,
                  align: 'right',
                  render: (_, c) => `${c.bouncedCases} / ${c.cases}`,
                },
                {
                  title: t('columns.rate'),
                  key: 'rate',
                  width: 80,
                  align: 'right',
                  render: (_, c) => pct(c.rate),
                },
                { title: t('columns.q'), key: 'q', width: 80, align: 'right', render: (_, c) => qText(c.q) },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </section>
  );
}
