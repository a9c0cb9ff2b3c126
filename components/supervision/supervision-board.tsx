'use client';

import { Card, Col, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { deadlineCss } from '@/components/cases/deadline-countdown';
import { useNow } from '@/components/cases/use-now';
import { userContentCell } from '@/components/ui/user-content';
import type {
  BoardCase,
  SupervisionBoard as SupervisionBoardData,
} from '@/lib/supervision/supervision-board.types';
import { DrawSpotChecksButton } from './draw-spot-checks-button';
import { IssueLetterButton } from './issue-letter-button';
import { fmtDay, fmtDue, fmtTime, letterState } from './letter-state';
import { SpotCheckRecordButton } from './spot-check-record-button';

type Id = number | string;
type Day = Date | string;

const HOUR = 3_600_000;
const RED = deadlineCss('overdue');
const AMBER = deadlineCss('due_soon');

/** 督办看板: offices by overdue and due-soon cases, the red board, letters and their deadlines, the spot-check queue. */
export function SupervisionBoard({ data, serverNow }: { data: SupervisionBoardData; serverNow: number }) {
  const t = useTranslations('supervision');
  const tw = useTranslations('workflow');
  const now = useNow(serverNow);
  const late = (due: Day) => {
    const ms = now.getTime() - new Date(due).getTime();
    const days = Math.floor(ms / (24 * HOUR));
    const hours = Math.floor((ms % (24 * HOUR)) / HOUR);
    return days > 0 ? t('board.overdueBy', { days, hours }) : t('board.overdueByHours', { hours });
  };
  const pendingChecks = data.spotChecks.filter((s) => s.result === 'pending').length;
  const lettersOpen = data.letters.filter((l) => !l.answeredAt).length;
  const caseCell = (c: { id: Id; title: string; trackingCode: string }) => (
    <Link href={`/cases/${c.id}`}>
      <span data-user-content>{c.title}</span>{' '}
      <Typography.Text type="secondary">{c.trackingCode}</Typography.Text>
    </Link>
  );
  const letterCell = (c: BoardCase) =>
    c.letterId && !c.letterAnsweredAt ? (
      <Link href={`/letters/${c.letterId}`}>{c.letterCode}</Link>
    ) : (
      <Space size={4}>
        {c.letterId && <Link href={`/letters/${c.letterId}`}>{c.letterCode}</Link>}
        <IssueLetterButton complaintId={Number(c.id)} size="small" />
      </Space>
    );

  return (
    <div className="supervision-board">
      <Typography.Title level={1} style={{ marginTop: 0, fontSize: 24 }}>
        {t('board.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('board.subtitle')}{' '}
        {(['on_track', 'due_soon', 'overdue'] as const).map((s) => (
          <Tag key={s} color={deadlineCss(s)}>
            {tw(`deadline.${s}`)}
          </Tag>
        ))}
      </Typography.Paragraph>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {[
          { key: 'overdue', value: data.overdue.length, color: RED },
          { key: 'dueSoon', value: data.dueSoon.length, color: AMBER },
          { key: 'lettersOpen', value: lettersOpen, color: undefined },
          { key: 'pendingChecks', value: pendingChecks, color: undefined },
          {
            key: 'failedChecks',
            value: data.offices.reduce((n, o) => n + o.failedChecks, 0),
            color: undefined,
          },
        ].map((s) => (
          <Col key={s.key} xs={12} md={8} xl={4}>
            <Card size="small" data-stat={s.key}>
              <Statistic
                title={
                  s.key === 'overdue' ? (
                    <span title={t('board.overdueHint')}>
                      {t('board.overdue')} <span className="staff__hint-mark">ⓘ</span>
                    </span>
                  ) : (
                    t(`board.${s.key}` as 'board.overdue')
                  )
                }
                value={s.value}
                styles={{ content: { color: s.color } }}
              />
              {s.key === 'overdue' && (
                <div className="staff__hint staff__hint--small">{t('board.overdueHintShort')}</div>
              )}
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card
            size="small"
            title={t('board.redBoard')}
            styles={{ header: { color: RED } }}
            data-board="overdue"
            id="board-overdue"
          >
            <Table
              size="small"
              rowKey="id"
              dataSource={data.overdue}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
              locale={{ emptyText: t('board.none') }}
              onRow={(c) => ({ 'data-case-id': String(c.id) }) as object}
              columns={[
                { title: t('columns.case'), key: 'case', render: (_, c) => caseCell(c) },
                { title: t('columns.office'), dataIndex: 'officeName', width: 150, render: userContentCell },
                {
                  title: t('columns.howLate'),
                  key: 'late',
                  width: 130,
                  render: (_, c) => (
                    <Tag color={RED} title={fmtDue(c.resolveDueAt)} data-deadline-state="overdue">
                      {late(c.resolveDueAt)}
                    </Tag>
                  ),
                },
                { title: t('columns.letter'), key: 'letter', width: 170, render: (_, c) => letterCell(c) },
              ]}
            />
          </Card>
          <Card
            size="small"
            title={t('board.dueSoonList')}
            style={{ marginTop: 16 }}
            data-board="due-soon"
            id="board-due-soon"
          >
            <Table
              size="small"
              rowKey="id"
              dataSource={data.dueSoon}
              pagination={{ pageSize: 8, hideOnSinglePage: true, showSizeChanger: false }}
              locale={{ emptyText: t('board.none') }}
              columns={[
                { title: t('columns.case'), key: 'case', render: (_, c) => caseCell(c) },
                { title: t('columns.office'), dataIndex: 'officeName', width: 150, render: userContentCell },
                {
                  title: t('columns.resolveDue'),
                  key: 'due',
                  width: 130,
                  render: (_, c) => (
                    <Tag color={AMBER} title={fmtDue(c.resolveDueAt)}>
                      {t('board.leftHours', {
                        hours: Math.max(
                          0,
                          Math.floor((new Date(c.resolveDueAt).getTime() - now.getTime()) / HOUR),
                        ),
                      })}
                    </Tag>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('board.byOffice')} data-board="offices">
            <Table
              size="small"
              rowKey="officeId"
              dataSource={data.offices}
              pagination={{ pageSize: 12, hideOnSinglePage: true, showSizeChanger: false }}
              locale={{ emptyText: t('board.none') }}
              columns={[
                {
                  title: t('columns.office'),
                  key: 'office',
                  render: (_, o) => (
                    <span>
                      <span data-user-content>{o.officeName}</span>{' '}
                      <Typography.Text type="secondary">
                        {t.has(`tier.${o.tier}`) ? t(`tier.${o.tier}` as 'tier.county') : o.tier}
                      </Typography.Text>
                    </span>
                  ),
                },
                { title: t('columns.open'), dataIndex: 'open', width: 52, align: 'right' },
                {
                  title: t('columns.dueSoon'),
                  dataIndex: 'dueSoon',
                  width: 52,
                  align: 'right',
                  render: (n: number) =>
                    n > 0 ? <span style={{ color: AMBER, fontWeight: 600 }}>{n}</span> : n,
                },
                {
                  title: t('columns.overdue'),
                  dataIndex: 'overdue',
                  width: 52,
                  align: 'right',
                  render: (n: number) =>
                    n > 0 ? <span style={{ color: RED, fontWeight: 600 }}>{n}</span> : n,
                },
                {
                  title: t('board.lettersOpen'),
                  key: 'letters',
                  width: 80,
                  align: 'right',
                  render: (_, o) => (
                    <span title={t('board.lettersLate')}>
                      {o.lettersOpen}
                      {o.lettersLate > 0 && <span style={{ color: RED }}> ({o.lettersLate})</span>}
                    </span>
                  ),
                },
                {
                  title: t('board.failedChecks'),
                  dataIndex: 'failedChecks',
                  width: 72,
                  align: 'right',
                  render: (n: number) => (n > 0 ? <Tag color={RED}>{n}</Tag> : n),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24}>
          <Card size="small" title={t('board.letters')} data-board="letters" id="board-letters">
            <Table
              size="small"
              rowKey="id"
              dataSource={data.letters}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
              locale={{ emptyText: t('board.none') }}
              onRow={(l) => ({ 'data-letter-code': l.code }) as object}
              columns={[
                {
                  title: t('columns.code'),
                  key: 'code',
                  width: 130,
                  render: (_, l) => <Link href={`/letters/${l.id}`}>{l.code}</Link>,
                },
                {
                  title: t('columns.case'),
                  key: 'case',
                  render: (_, l) =>
                    l.complaintId ? (
                      <Link href={`/cases/${l.complaintId}`} data-user-content>
                        {l.complaintTitle}
                      </Link>
                    ) : (
                      '—'
                    ),
                },
                { title: t('columns.office'), dataIndex: 'officeName', width: 160, render: userContentCell },
                {
                  title: t('columns.issuedAt'),
                  key: 'issued',
                  width: 100,
                  render: (_, l) => fmtDay(l.issuedAt),
                },
                { title: t('columns.dueAt'), key: 'due', width: 160, render: (_, l) => fmtDue(l.dueAt) },
                {
                  title: t('columns.answeredAt'),
                  key: 'answered',
                  width: 160,
                  render: (_, l) => fmtTime(l.answeredAt),
                },
                {
                  title: t('columns.state'),
                  key: 'state',
                  width: 110,
                  render: (_, l) => {
                    const s = letterState(l, now);
                    const lateAnswer = l.answeredAt && new Date(l.answeredAt) > new Date(l.dueAt);
                    return (
                      <Tag color={deadlineCss(s)} title={fmtDue(l.dueAt)} data-letter-state={s}>
                        {t(`letter.states.${s}`)}
                        {lateAnswer ? t('letter.late') : ''}
                      </Tag>
                    );
                  },
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24}>
          <Card
            size="small"
            title={t('board.spotChecks')}
            data-board="spot-checks"
            id="board-spot-checks"
            extra={
              <Typography.Text type="secondary" data-draws={data.draws.length}>
                {t('spot.drawn', {
                  month: data.drawMonth,
                  offices: data.draws.length,
                  count: data.draws.reduce((n, d) => n + d.drawn, 0),
                })}
              </Typography.Text>
            }
          >
            <DrawSpotChecksButton month={data.drawMonth} share={data.share} />
            <Table
              style={{ marginTop: 12 }}
              size="small"
              rowKey="id"
              dataSource={data.spotChecks}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
              locale={{ emptyText: t('board.none') }}
              columns={[
                {
                  title: t('columns.case'),
                  key: 'case',
                  render: (_, s) => caseCell({ ...s, id: s.complaintId }),
                },
                { title: t('columns.office'), dataIndex: 'officeName', width: 130, render: userContentCell },
                {
                  title: t('columns.resolvedAt'),
                  key: 'resolved',
                  width: 90,
                  render: (_, s) => fmtDay(s.resolvedAt),
                },
                {
                  title: t('columns.result'),
                  key: 'result',
                  width: 110,
                  render: (_, s) =>
                    s.result === 'pending' ? (
                      <SpotCheckRecordButton spotCheckId={s.id} />
                    ) : (
                      <Tag
                        color={s.result === 'failed' ? RED : deadlineCss('on_track')}
                        title={s.finding ?? ''}
                      >
                        {t(`spot.${s.result}` as 'spot.passed')}
                      </Tag>
                    ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
