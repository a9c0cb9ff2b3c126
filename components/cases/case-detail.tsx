'use client';

import { Card, Col, Descriptions, Empty, List, Row, Space, Tag, Timeline, Typography } from 'antd';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { userData } from '@/components/ui/user-content';
import { formatDateTime, formatDeadline } from '@/lib/format/date-time';
import { readableTagColor } from '@/lib/format/readable-color';
import { deadlineState } from '@/lib/sla/deadline-state';
import { CaseActions } from './case-actions';
import { CaseLinks, type CaseLinksData } from './case-links';
import { CaseLocationMapLoader } from './case-location-map-loader';
import { ContactUnmask } from './contact-unmask';
import { DeadlineCountdown, deadlineCss } from './deadline-countdown';
import { useNow } from './use-now';

type Day = Date | string | null;

export interface CaseDetailData {
  complaint: {
    id: number;
    trackingCode: string;
    kind: string;
    title: string;
    description: string;
    status: string;
    address: string | null;
    anonymous: boolean;
    triageReason: string | null;
    routingReason: string | null;
    responsibleOfficeName: string | null;
    submittedAt: Date | string;
    firstRepliedAt: Day;
    resolvedAt?: Day;
    dispatchDueAt: Day;
    firstReplyDueAt: Day;
    resolveDueAt: Day;
    dispatchedAt: Day;
    location: { coordinates: number[] };
    /** Masked (138****5678); `contactAccess` 'full' lets the viewer unmask it (audited). */
    contact: { name: string | null; phone: string | null } | null;
    contactAccess: 'full' | 'masked' | 'none';
    /** Set when the history importer wrote the case: 'history' stays out of queues and deadline warnings. */
    importedAs?: 'history' | 'live' | null;
  };
  category: { name: string; nameEn?: string; color: string } | null;
  urgency: { name: string; nameEn?: string; color: string } | null;
  coOffices: { id: number; name: string }[];
  offices: { id: number; name: string }[];
  building: { code: string; address: string; floors: number } | null;
  household: { unit: string; size: number } | null;
  /** The building and facility links in words (method, confidence, reason, state). */
  links?: CaseLinksData | null;
  attachments: { id: string; kind: string; mime: string; sizeBytes: number; createdAt: Date | string }[];
  events: {
    id: number;
    type: string;
    actorName: string | null;
    actorOfficeName: string | null;
    publicNote: string | null;
    data: Record<string, unknown> | null;
    public: boolean;
    createdAt: Date | string;
  }[];
  verbs: string[];
  /** Level-2 categories for recategorizing (empty when the viewer may not). */
  categories: { code: string; name: string }[];
}

const fmt = (d: Day) => formatDateTime(d);

/** The case page: facts, deadlines, routing, place, map, attachments, the whole timeline and the actions allowed now. */
export function CaseDetail({
  data,
  serverNow,
  backHref,
  backLabel,
  supervision,
}: {
  data: CaseDetailData;
  serverNow: number;
  /** The list this user works from (lib/auth/pages.ts `caseBackLink`), never a page they may not open. */
  backHref: string;
  backLabel: string;
  /** Supervision cards (letters, spot checks, visits), shown under the actions. */
  supervision?: ReactNode;
}) {
  const t = useTranslations('workflow');
  const en = useLocale() === 'en';
  const now = useNow(serverNow);
  const c = data.complaint;
  const state = deadlineState(
    c.status,
    c.resolveDueAt ? new Date(c.resolveDueAt) : null,
    now,
    undefined,
    c.resolvedAt ? new Date(c.resolvedAt) : null,
  );
  const [lng, lat] = c.location.coordinates as [number, number];
  const eventLabel = (type: string) =>
    t.has(`events.${type}`) ? t(`events.${type}` as 'events.submitted') : type;
  return (
    <div className="case-page" data-case-id={c.id} data-case-status={c.status}>
      <Space style={{ marginBottom: 12 }} wrap>
        <Link href={backHref}>← {backLabel}</Link>
      </Space>
      <Typography.Title level={1} style={{ marginTop: 0, fontSize: 24 }}>
        <span
          data-user-content
          style={{ borderInlineStart: `6px solid ${deadlineCss(state)}`, paddingInlineStart: 10 }}
        >
          {c.title}
        </span>
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Tag>{t('case.title', { code: c.trackingCode })}</Tag>
        <Tag color="blue" data-status={c.status}>
          {t(`status.${c.status}` as 'status.received')}
        </Tag>
        {data.category && (
          <Tag color={readableTagColor(data.category.color)}>
            {(en && data.category.nameEn) || data.category.name}
          </Tag>
        )}
        {data.urgency && (
          <Tag color={readableTagColor(data.urgency.color)}>
            {(en && data.urgency.nameEn) || data.urgency.name}
          </Tag>
        )}
        {c.importedAs === 'history' ? (
          <Tag data-imported-as="history" title={t('case.importedHistoryHint')}>
            {t('case.importedHistory')}
          </Tag>
        ) : (
          <Tag color={deadlineCss(state)} data-deadline-state={state}>
            {t(`deadline.${state}`)}
          </Tag>
        )}
        {c.importedAs === 'live' && (
          <Tag data-imported-as="live" title={t('case.importedLiveHint')}>
            {t('case.importedLive')}
          </Tag>
        )}
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card size="small" title={t('case.facts')}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-user-content>
              {c.description}
            </Typography.Paragraph>
            <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
              <Descriptions.Item label={t('case.submittedAt')}>{fmt(c.submittedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('case.contact')}>
                {c.anonymous || !c.contact ? (
                  t('case.anonymous')
                ) : (
                  <ContactUnmask caseId={c.id} masked={c.contact} canUnmask={c.contactAccess === 'full'} />
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('case.dispatchDue')}>
                {formatDeadline(c.dispatchDueAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('case.firstReplyDue')}>
                <DeadlineCountdown
                  dueAt={c.firstReplyDueAt}
                  status={c.status}
                  now={now}
                  met={c.firstRepliedAt !== null}
                  doneAt={c.firstRepliedAt}
                />
              </Descriptions.Item>
              <Descriptions.Item label={t('case.resolveDue')} span="filled">
                <DeadlineCountdown dueAt={c.resolveDueAt} status={c.status} now={now} doneAt={c.resolvedAt} />{' '}
                <span data-testid="case-resolve-due">{formatDeadline(c.resolveDueAt)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('case.triageReason')} span="filled">
                {/* The triage and routing reasons are stored in Chinese when the case was triaged and routed. */}
                <span data-user-content>{c.triageReason ?? '—'}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('case.office')}>
                <span data-user-content>{c.responsibleOfficeName ?? '—'}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('case.coOffices')}>
                <span data-user-content>
                  {data.coOffices.map((o) => o.name).join(t('case.listSeparator')) || '—'}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('case.routingReason')} span="filled">
                <span data-user-content>{c.routingReason ?? '—'}</span>
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t('case.actions')} style={{ marginTop: 16 }}>
            <CaseActions
              caseId={c.id}
              status={c.status}
              verbs={data.verbs}
              offices={data.offices}
              categories={data.categories}
            />
          </Card>
          {supervision}
          <Card size="small" title={t('case.timeline')} style={{ marginTop: 16 }}>
            <Timeline
              items={data.events.map((e) => ({
                key: e.id,
                color: e.type === 'overdue' ? 'red' : e.type === 'due_soon' ? 'orange' : 'blue',
                content: (
                  <div data-event={e.type}>
                    <strong>{eventLabel(e.type)}</strong>{' '}
                    <Typography.Text type="secondary">
                      {fmt(e.createdAt)} ·{' '}
                      {e.actorOfficeName || e.actorName ? (
                        <span data-user-content>{e.actorOfficeName ?? e.actorName}</span>
                      ) : (
                        eventLabel(String(e.data?.actor ?? 'system'))
                      )}
                    </Typography.Text>
                    {!e.public && (
                      <Tag style={{ marginInlineStart: 8 }} variant="filled">
                        {t('case.internal')}
                      </Tag>
                    )}
                    {/* Notes and reasons are what the staff member wrote. */}
                    {e.publicNote && <div data-user-content>{e.publicNote}</div>}
                    {typeof e.data?.reason === 'string' && e.data.reason !== e.publicNote && (
                      <Typography.Text type="secondary">
                        {t('form.reasonLabel')} <span data-user-content>{e.data.reason}</span>
                      </Typography.Text>
                    )}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card size="small" title={t('case.location')}>
            <CaseLocationMapLoader lng={lng} lat={lat} />
            <Descriptions size="small" column={1} style={{ marginTop: 12 }}>
              <Descriptions.Item label={t('case.address')}>
                <span data-user-content>{c.address ?? '—'}</span>
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t('links.title')} style={{ marginTop: 16 }}>
            {data.links ? (
              <CaseLinks
                caseId={c.id}
                data={data.links}
                household={
                  data.household
                    ? t.rich('case.householdWithSize', {
                        unit: data.household.unit,
                        size: data.household.size,
                        data: userData,
                      })
                    : null
                }
              />
            ) : (
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('case.building')}>
                  {data.building
                    ? t.rich('case.buildingWithFloors', {
                        address: data.building.address,
                        floors: data.building.floors,
                        data: userData,
                      })
                    : t('case.none')}
                </Descriptions.Item>
                <Descriptions.Item label={t('case.household')}>
                  {data.household
                    ? t.rich('case.householdWithSize', {
                        unit: data.household.unit,
                        size: data.household.size,
                        data: userData,
                      })
                    : t('case.none')}
                </Descriptions.Item>
              </Descriptions>
            )}
          </Card>
          <Card size="small" title={t('case.attachments')} style={{ marginTop: 16 }}>
            {data.attachments.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('case.noAttachments')} />
            ) : (
              <List
                size="small"
                dataSource={data.attachments}
                renderItem={(a) => (
                  <List.Item>
                    {a.kind} · {a.mime} · {Math.round(a.sizeBytes / 1024)} KB · {fmt(a.createdAt)}
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
