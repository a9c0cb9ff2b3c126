'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, List, Tag } from 'antd';
import { useLocale, useTranslations } from 'next-intl';
import { useApiErrorText } from '@/components/ui/use-api-error-text';
import { UserContent } from '@/components/ui/user-content';
import type { Clue } from '@/lib/clues/clues.types';
import { labelSeparator } from '@/lib/i18n/config';
import { hotspotQueries } from '@/lib/query/analytics';
import { clueQueries, fileClue } from '@/lib/query/clues';
import { ClueModal } from './clue-modal';
import { FindingCard } from './finding-card';

/**
 * The clue board (纪委 inspectors): the cross-check findings, each one click from a clue, and the
 * division's clues. The open clue is the workspace's (in the URL), so a link opens it.
 */
export function ClueBoard({
  openClue,
  onOpenClue,
}: {
  openClue: number | null;
  onOpenClue: (id: number | null) => void;
}) {
  const t = useTranslations('analytics.clues');
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorText = useApiErrorText();
  // The window is the settings' (clues.facility_findings); a clue is filed for the window the findings were computed on.
  const findings = useQuery(hotspotQueries.findings());
  const window = findings.data
    ? { from: findings.data.parameters.from, to: findings.data.parameters.to }
    : null;
  const clues = useQuery(clueQueries.list());
  const create = useMutation({
    mutationFn: (key: string) => fileClue(key, window),
    onSuccess: () => {
      message.success(t('created'));
      void queryClient.invalidateQueries({ queryKey: clueQueries.all });
    },
    onError: (e: Error) => message.error(errorText(e)),
  });
  return (
    <div className="analysis__clues">
      <h3>{t('findings')}</h3>
      <p className="analysis__hint">{t('findingsHint')}</p>
      {findings.data?.parameters.facilityTest && (
        <p className="analysis__hint" data-testid="finding-thresholds">
          {t('card.thresholds', findings.data.parameters.facilityTest)}
        </p>
      )}
      {findings.data?.findings
        .filter((f) => f.kind === 'facility_pattern')
        .map((f) => (
          <FindingCard
            key={f.key}
            finding={f}
            onToClue={() => create.mutate(f.key)}
            creating={create.isPending && create.variables === f.key}
          />
        ))}
      <List
        size="small"
        loading={findings.isLoading}
        dataSource={(findings.data?.findings ?? []).filter((f) => f.kind !== 'facility_pattern')}
        locale={{ emptyText: findings.data?.findings.length ? ' ' : t('empty') }}
        renderItem={(f) => (
          <List.Item
            actions={[
              <Button
                key="c"
                size="small"
                onClick={() => create.mutate(f.key)}
                loading={create.isPending && create.variables === f.key}
              >
                {t('toClue')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <span>
                  <Tag color="red">{t(`kinds.${f.kind}`)}</Tag>
                  {locale === 'en' ? f.title.en : f.title.zh}
                </span>
              }
              description={
                <>
                  <span className="analysis__score">{t('score', { score: f.score.toFixed(2) })}</span>{' '}
                  {locale === 'en' ? f.why.en : f.why.zh}
                </>
              }
            />
          </List.Item>
        )}
      />
      <h3>{t('list')}</h3>
      <List
        size="small"
        loading={clues.isLoading}
        dataSource={clues.data?.clues ?? []}
        locale={{ emptyText: t('empty') }}
        renderItem={(c: Clue) => (
          <List.Item onClick={() => onOpenClue(c.id)} className="analysis__item">
            <List.Item.Meta
              title={
                <span>
                  <Tag
                    color={
                      c.status === 'new'
                        ? 'orange'
                        : c.status === 'verifying'
                          ? 'blue'
                          : c.status === 'filed'
                            ? 'red'
                            : 'default'
                    }
                  >
                    {t(`status.${c.status}`)}
                  </Tag>
                  {c.code} <UserContent>{c.title}</UserContent>
                </span>
              }
              description={
                <>
                  {c.suspectedOfficeName && (
                    <>
                      {t('office')}
                      {labelSeparator(locale)}
                      <span data-user-content>{c.suspectedOfficeName}</span>
                      {' · '}
                    </>
                  )}
                  {t('complaints', { n: c.complaints })} · {t('score', { score: c.score.toFixed(2) })}
                </>
              }
            />
          </List.Item>
        )}
      />
      {openClue !== null && <ClueModal id={openClue} onClose={() => onOpenClue(null)} />}
    </div>
  );
}
