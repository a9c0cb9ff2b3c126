'use client';

import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { deadlineCss } from '@/components/cases/deadline-countdown';
import { useNow } from '@/components/cases/use-now';
import { send } from '@/lib/query/api-client';
import { IssueLetterButton } from './issue-letter-button';
import { LetterResponse } from './letter-response';
import { fmtDue, fmtTime, letterState } from './letter-state';
import { SpotCheckRecordButton } from './spot-check-record-button';
import { useErrorText } from './use-error-text';

type Day = Date | string;

export interface CaseSupervisionData {
  letters: {
    id: number;
    code: string;
    officeName: string;
    issuingOfficeName: string;
    reason: string;
    issuedAt: Day;
    dueAt: Day;
    acknowledgedAt: Day | null;
    answeredAt: Day | null;
    answer: string | null;
    answeredByName: string | null;
  }[];
  spotChecks: {
    id: number;
    sampledAt: Day;
    drawMonth: string | null;
    result: string;
    finding: string | null;
    checkedAt: Day | null;
    inspectorName: string | null;
  }[];
  visits: {
    id: number;
    method: string;
    outcome: string;
    note: string | null;
    visitedAt: Day;
    visitor: string;
  }[];
  canIssue: boolean;
  canRespond: boolean;
  canVisit: boolean;
}

/** The case page's supervision cards: letters (issue / acknowledge / answer / print), spot checks, follow-up visits. */
export function CaseSupervisionPanel({
  complaintId,
  overdue,
  data,
  serverNow,
}: {
  complaintId: number;
  /** Open and past a deadline: a letter may be issued. */
  overdue: boolean;
  data: CaseSupervisionData;
  serverNow: number;
}) {
  const t = useTranslations('supervision');
  const now = useNow(serverNow);
  const pendingLetter = data.letters.some((l) => !l.answeredAt);
  const showLetters = data.letters.length > 0 || (data.canIssue && overdue);
  return (
    <>
      {showLetters && (
        <Card
          size="small"
          title={t('letter.caseLetters')}
          style={{ marginTop: 16 }}
          data-panel="letters"
          extra={
            data.canIssue && overdue && !pendingLetter ? (
              <IssueLetterButton complaintId={complaintId} />
            ) : undefined
          }
        >
          {data.letters.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('letter.noLetters')} />
          ) : (
            <List
              dataSource={data.letters}
              renderItem={(l) => {
                const s = letterState(l, now);
                return (
                  <List.Item
                    key={l.id}
                    data-letter-code={l.code}
                    data-letter-state={s}
                    style={{ display: 'block' }}
                  >
                    <Space wrap>
                      <Link href={`/letters/${l.id}`}>
                        <strong>{l.code}</strong>
                      </Link>
                      <Tag color={deadlineCss(s)} title={fmtDue(l.dueAt)}>
                        {t(`letter.states.${s}`)}
                      </Tag>
                      <Tag>{l.acknowledgedAt ? t('letter.acknowledged') : t('letter.notAcknowledged')}</Tag>
                      <Typography.Text type="secondary">
                        <span data-user-content>
                          {l.issuingOfficeName} → {l.officeName}
                        </span>{' '}
                        · {fmtTime(l.issuedAt)} · {t('columns.dueAt')} {fmtDue(l.dueAt)}
                      </Typography.Text>
                      <Link href={`/letters/${l.id}`}>{t('letter.print')}</Link>
                    </Space>
                    {/* The letter's text and answer are documents, written in Chinese. */}
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }} data-user-content>
                      {l.reason}
                    </Typography.Paragraph>
                    {l.answeredAt ? (
                      <Descriptions size="small" column={1} bordered>
                        <Descriptions.Item label={t('letter.answered')}>
                          <div style={{ whiteSpace: 'pre-wrap' }} data-user-content>
                            {l.answer}
                          </div>
                          <Typography.Text type="secondary">
                            <span data-user-content>{l.answeredByName}</span> · {fmtTime(l.answeredAt)}
                          </Typography.Text>
                        </Descriptions.Item>
                      </Descriptions>
                    ) : (
                      data.canRespond && (
                        <LetterResponse letterId={l.id} acknowledged={l.acknowledgedAt !== null} />
                      )
                    )}
                  </List.Item>
                );
              }}
            />
          )}
        </Card>
      )}
      {data.spotChecks.length > 0 && (
        <Card size="small" title={t('spot.caseChecks')} style={{ marginTop: 16 }} data-panel="spot-checks">
          <List
            dataSource={data.spotChecks}
            renderItem={(s) => (
              <List.Item
                key={s.id}
                extra={s.result === 'pending' ? <SpotCheckRecordButton spotCheckId={s.id} /> : null}
              >
                <Space wrap>
                  <Tag
                    color={
                      s.result === 'failed'
                        ? deadlineCss('overdue')
                        : s.result === 'passed'
                          ? deadlineCss('on_track')
                          : undefined
                    }
                  >
                    {t(`spot.${s.result}` as 'spot.passed')}
                  </Tag>
                  <Typography.Text type="secondary">
                    {s.drawMonth ?? ''} · {fmtTime(s.checkedAt ?? s.sampledAt)} {s.inspectorName ?? ''}
                  </Typography.Text>
                  {s.finding && <span>{s.finding}</span>}
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
      <VisitsCard complaintId={complaintId} visits={data.visits} canVisit={data.canVisit} />
    </>
  );
}

function VisitsCard({
  complaintId,
  visits,
  canVisit,
}: {
  complaintId: number;
  visits: CaseSupervisionData['visits'];
  canVisit: boolean;
}) {
  const t = useTranslations('supervision.visit');
  const errorText = useErrorText();
  const { message } = App.useApp();
  const router = useRouter();
  const [form] = Form.useForm<{ method: string; outcome: string; note?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const method = (m: string) => (t.has(`methods.${m}`) ? t(`methods.${m}` as 'methods.phone') : m);

  async function save(values: { method: string; outcome: string; note?: string }) {
    setBusy(true);
    setError(null);
    const r = await send('POST', `/api/cases/${complaintId}/visits`, values);
    setBusy(false);
    if (!r.ok) {
      setError(errorText(r.error));
      return;
    }
    form.resetFields();
    message.success(t('saved'));
    router.refresh();
  }

  if (!canVisit && visits.length === 0) return null;
  return (
    <Card size="small" title={t('title')} style={{ marginTop: 16 }} data-panel="visits">
      {visits.length === 0 ? (
        <Typography.Text type="secondary">{t('none')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={visits}
          renderItem={(v) => (
            <List.Item key={v.id}>
              <Space wrap>
                <Tag>{method(v.method)}</Tag>
                <span>{v.outcome}</span>
                {v.note && <Typography.Text type="secondary">{v.note}</Typography.Text>}
                <Typography.Text type="secondary">
                  {v.visitor} · {fmtTime(v.visitedAt)}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
      {canVisit && (
        <Form
          form={form}
          layout="inline"
          initialValues={{ method: 'phone' }}
          onFinish={(v) => void save(v)}
          style={{ marginTop: 12, rowGap: 8 }}
        >
          <Form.Item name="method" label={t('method')}>
            <Select
              style={{ width: 120 }}
              options={['phone', 'in_person', 'meeting'].map((m) => ({ value: m, label: method(m) }))}
            />
          </Form.Item>
          <Form.Item
            name="outcome"
            label={t('outcome')}
            rules={[{ required: true, min: 2, whitespace: true, message: t('outcomePlaceholder') }]}
            style={{ minWidth: 280, flex: 1 }}
          >
            <Input placeholder={t('outcomePlaceholder')} maxLength={500} />
          </Form.Item>
          <Form.Item name="note">
            <Input placeholder={t('note')} maxLength={1000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-action="record-visit">
            {t('add')}
          </Button>
        </Form>
      )}
      {error && (
        <Typography.Paragraph type="danger" role="alert">
          {error}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
