'use client';

import { Empty, List, Tag } from 'antd';
import { useLocale, useTranslations } from 'next-intl';
import { UserContent } from '@/components/ui/user-content';
import type { ClusterResponse } from '@/lib/hotspots/hotspots.types';
import { labelSeparator } from '@/lib/i18n/config';
import { countedList } from './result-details';

/** The DBSCAN clusters, largest first: categories, buildings, facilities; the selected one's cases. */
export function ClusterList({
  clusters,
  selected,
  onSelect,
}: {
  clusters: ClusterResponse['clusters'];
  selected: number | null;
  onSelect: (cluster: number | null) => void;
}) {
  const t = useTranslations('analytics');
  const locale = useLocale();
  return clusters.length === 0 ? (
    <Empty description={t('clusters.none')} />
  ) : (
    <List
      size="small"
      dataSource={clusters}
      renderItem={(c) => (
        <List.Item
          onClick={() => onSelect(c.cluster === selected ? null : c.cluster)}
          className={c.cluster === selected ? 'analysis__item analysis__item--selected' : 'analysis__item'}
        >
          <div>
            <strong>#{c.cluster + 1}</strong> {t('clusters.count', { count: c.count })} ·{' '}
            {t('clusters.radius', { r: Math.round(c.radiusM) })}
            <div>
              {c.categories.map((x) => (
                <Tag key={x.code}>
                  {locale === 'en' ? x.nameEn : x.name} {x.count}
                </Tag>
              ))}
            </div>
            {c.buildings.length > 0 && (
              <div className="analysis__sub">
                {t('clusters.buildings')}
                {labelSeparator(locale)}
                <span data-user-content>
                  {countedList(
                    c.buildings.map((b) => [b.address, b.count]),
                    locale,
                  )}
                </span>
              </div>
            )}
            {c.facilities.length > 0 && (
              <div className="analysis__sub">
                {t('clusters.facilities')}
                {labelSeparator(locale)}
                <span data-user-content>
                  {countedList(
                    c.facilities.map((f) => [f.name, f.count]),
                    locale,
                  )}
                </span>
              </div>
            )}
            {c.cluster === selected && (
              <div className="analysis__cluster-cases" data-testid="cluster-cases">
                <h4>{t('clusters.cases', { shown: c.complaints.length, count: c.count })}</h4>
                <ul>
                  {c.complaints.map((x) => (
                    <li key={x.id}>
                      <a href={`/cases/${x.id}`} onClick={(e) => e.stopPropagation()}>
                        {x.trackingCode}
                      </a>{' '}
                      <UserContent>{x.title}</UserContent>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        </List.Item>
      )}
    />
  );
}
