'use client';

import { App, Button, Card, Popconfirm, Table, Tag, Typography } from 'antd';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { UserContent } from '@/components/ui/user-content';
import type { AdminScreenData } from '@/lib/admin/admin-screen.types';
import { formatDateTime } from '@/lib/format/date-time';
import { labelSeparator } from '@/lib/i18n/config';
import { send } from '@/lib/query/api-client';
import { SHIPPED_THRESHOLDS } from '@/lib/triage/decide-category';

type Model = AdminScreenData['triage']['models'][number];

const STATUS_COLOR: Record<string, string> = { active: 'green', candidate: 'blue', retired: 'default' };
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/**
 * 分类模型: the category suggester's stored versions with their figures (inner cross-validation
 * macro-F1, accuracy on the held-out confirmed cases against the model active when it was trained,
 * why it was or was not promoted); an admin can make any readable version the active one (rollback).
 */
export function TriageModelsCard({ models }: { models: Model[] }) {
  const t = useTranslations('admin.triage.models');
  const { message } = App.useApp();
  const router = useRouter();
  const active = models.find((m) => m.status === 'active');
  const locale = useLocale();
  const decisionText = (m: Model) =>
    m.decisionKind ? (
      t(`decision_${m.decisionKind}`, {
        n: m.heldOutCount ?? 0,
        mine: pct(m.heldOutAccuracy),
        theirs: pct(m.activeAccuracy),
        promoted: String(m.promoted ?? false),
      })
    ) : m.decision ? (
      // Versions trained before the kind was stored keep their Chinese words.
      <UserContent>{m.decision}</UserContent>
    ) : (
      '—'
    );

  async function activate(id: number) {
    const result = await send('POST', `/api/admin/triage-models/${id}/activate`, {});
    if (!result.ok) message.error(result.error.serverMessage ?? result.error.code);
    else router.refresh();
  }

  return (
    <Card size="small" title={t('title')} data-testid="triage-models">
      <Typography.Paragraph type="secondary">{t('hint')}</Typography.Paragraph>
      {active && (
        <Typography.Paragraph data-testid="triage-model-active">
          {t('activeSummary', {
            id: active.id,
            corpus: active.corpusCount,
            confirmed: active.confirmedCount,
            labels: active.labelCount,
            f1: pct(active.innerMacroF1),
          })}
          {active.innerDispatch &&
            ` ${t('dispatchSummary', {
              leaf: pct(SHIPPED_THRESHOLDS.leaf),
              family: pct(SHIPPED_THRESHOLDS.family),
              coverage: pct(active.innerDispatch.coverage),
              precision: pct(active.innerDispatch.precision),
            })}`}
          {active.innerCalibrationError !== null &&
            ` ${t('calibrationSummary', { ece: pct(active.innerCalibrationError) })}`}
          {active.shift &&
            ` ${t('shiftSummary', {
              n: active.shift.count,
              first: pct(active.shift.familyFirst),
              wrong: pct(active.shift.wrongAtHalf),
              decided: pct(active.shift.decided),
              precision: pct(active.shift.decidedPrecision),
            })}`}
        </Typography.Paragraph>
      )}
      <Table<Model>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={models}
        // Why each version was (not) made active, a sentence: a row of its own, open by default.
        expandable={{
          defaultExpandAllRows: true,
          rowExpandable: (m) => Boolean(m.decisionKind || m.decision),
          expandedRowRender: (m) => (
            <Typography.Text type="secondary">
              {t('decision')}
              {labelSeparator(locale)}
              {decisionText(m)}
            </Typography.Text>
          ),
        }}
        columns={[
          { title: t('version'), dataIndex: 'id', render: (id: number) => `#${id}` },
          {
            title: t('status'),
            dataIndex: 'status',
            render: (s: string) => <Tag color={STATUS_COLOR[s]}>{t(`status_${s}` as 'status_active')}</Tag>,
          },
          {
            title: t('trigger'),
            dataIndex: 'trigger',
            render: (s: string) => t(`trigger_${s}` as 'trigger_seed'),
          },
          {
            title: t('texts'),
            render: (_, m) => t('textsValue', { corpus: m.corpusCount, confirmed: m.confirmedCount }),
          },
          { title: t('innerF1'), dataIndex: 'innerMacroF1', render: pct },
          {
            title: t('dispatch'),
            render: (_, m) =>
              m.innerDispatch
                ? t('dispatchValue', {
                    coverage: pct(m.innerDispatch.coverage),
                    precision: pct(m.innerDispatch.precision),
                  })
                : '—',
          },
          {
            title: t('shift'),
            render: (_, m) =>
              m.shift
                ? t('shiftValue', { first: pct(m.shift.familyFirst), wrong: pct(m.shift.wrongAtHalf) })
                : '—',
          },
          {
            title: t('heldOut'),
            render: (_, m) =>
              m.heldOutCount
                ? t('heldOutValue', {
                    n: m.heldOutCount,
                    mine: pct(m.heldOutAccuracy),
                    theirs: pct(m.activeAccuracy),
                  })
                : '—',
          },
          {
            title: t('created'),
            dataIndex: 'createdAt',
            render: (d: string) => formatDateTime(d),
          },
          {
            title: '',
            render: (_, m) =>
              m.status === 'active' ? null : (
                <Popconfirm title={t('activateConfirm', { id: m.id })} onConfirm={() => void activate(m.id)}>
                  <Button size="small">{t('activate')}</Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </Card>
  );
}
