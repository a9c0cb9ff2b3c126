'use client';

import { App, Button, Card, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { userData } from '@/components/ui/user-content';
import { send } from '@/lib/query/api-client';
import type { AmendmentListResponse, AmendmentProposal } from '@/lib/routing/routing-amendment-types';
import { useErrorText } from './use-error-text';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function ApplyButton({ p }: { p: AmendmentProposal }) {
  const t = useTranslations('supervision.amendments');
  const errorText = useErrorText();
  const { message } = App.useApp();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  async function apply() {
    setBusy(true);
    const result = await send<{ ruleIds: number[] }>('POST', '/api/routing/amendments', {
      categoryCode: p.category.code,
      divisionCode: p.town.code,
      officeId: p.office.id,
      rules: p.rules.map((r) => ({ categoryCode: r.categoryCode, tier: r.tier })),
    });
    setBusy(false);
    if (!result.ok) {
      message.error(errorText(result.error));
      return;
    }
    message.success(t('appliedMessage', { n: result.data.ruleIds.length }));
    router.refresh();
  }
  return (
    <Popconfirm title={t('confirm')} onConfirm={() => void apply()} okButtonProps={{ danger: true }}>
      <Button type="primary" size="small" loading={busy} data-action="apply-amendment">
        {t('apply')}
      </Button>
    </Popconfirm>
  );
}

/**
 * 权责规则修正: for each category × town whose cases keep bouncing, the amendment (route there straight to
 * the office the cases ended with) and its replay over the last 12 months; admins apply it.
 */
export function RoutingAmendmentsCard({
  data,
  canApply,
}: {
  data: AmendmentListResponse;
  canApply: boolean;
}) {
  const t = useTranslations('supervision.amendments');
  const en = useLocale() === 'en';
  const tierName = (tier: string) => t(`tier.${tier}` as 'tier.town');
  return (
    <Card size="small" title={t('title')} data-board="routing-amendments" id="routing-amendments">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('intro')}
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={data.proposals}
        locale={{ emptyText: t('none') }}
        renderItem={(p) => (
          <List.Item
            data-amendment={`${p.category.code}:${p.town.code}`}
            actions={[
              p.applied ? (
                <Tag key="s" color="green">
                  {t('applied')}
                </Tag>
              ) : canApply ? (
                <ApplyButton key="a" p={p} />
              ) : (
                <Tag key="s">{t('awaitingAdmin')}</Tag>
              ),
            ]}
          >
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              <Typography.Text strong>
                {t.rich('rule', {
                  town: `${p.town.county ?? ''}${p.town.name}`,
                  category: en ? p.category.nameEn : p.category.name,
                  office: p.office.name,
                  data: userData,
                })}
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('rules', {
                  rules: p.rules
                    .map((r) =>
                      en
                        ? `${r.categoryNameEn} (${r.categoryCode}) · ${tierName(r.tier)}`
                        : `${r.categoryName}（${r.categoryCode}）· ${tierName(r.tier)}`,
                    )
                    .join(en ? '; ' : '；'),
                })}
                {p.replaces.length > 0
                  ? ` ${t('replaces', { ids: p.replaces.map((id) => `#${id}`).join('、') })}`
                  : ''}
              </Typography.Text>
              <Typography.Text>
                {t('pattern', {
                  bounced: p.pattern.bouncedCases,
                  cases: p.pattern.cases,
                  rate: pct(p.pattern.rate),
                  q: p.pattern.q < 0.001 ? '< 0.001' : `= ${p.pattern.q.toFixed(3)}`,
                })}
              </Typography.Text>
              <Typography.Text data-replay>
                {t('replay', {
                  cases: p.replay.cases,
                  different: p.replay.routedDifferently,
                  fixed: p.replay.casesFixed,
                  avoided: p.replay.returnsAvoided,
                  bounces: p.replay.bounces,
                })}
                {p.replay.newMisroutes > 0 && (
                  <Typography.Text type="warning"> {t('cost', { n: p.replay.newMisroutes })}</Typography.Text>
                )}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
