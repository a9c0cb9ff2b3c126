'use client';

import { Button, Empty, Input, Segmented, Tabs, Tag } from 'antd';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { userData } from '@/components/ui/user-content';
import { formatDateTime, formatDeadline } from '@/lib/format/date-time';
import type { GridWorkspace, GridWorkspaceBuilding } from '@/lib/grid/grid-workspace';
import { BuildingDrawer } from './building-drawer';
import { GridMapLoader } from './grid-map-loader';
import styles from './grid-workspace.module.css';
import { VisitModal, type VisitTarget } from './visit-modal';

type Filter = 'all' | 'open' | 'overdue' | 'unvisited';

const DEADLINE_TAG: Record<string, string> = {
  overdue: 'red',
  due_soon: 'orange',
  on_track: 'green',
  done_late: 'volcano',
  done: 'default',
};

/** 网格员工作台: the grid's buildings as a list and a map, open cases, visits due and recorded. */
export function GridWorkspaceView({ data, locale }: { data: GridWorkspace; locale: string }) {
  const t = useTranslations('grid');
  const tStatus = useTranslations('map.status');
  const router = useRouter();
  const [selected, setSelected] = useState<number | null>(null);
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [visit, setVisit] = useState<VisitTarget | null>(null);
  const [drawer, setDrawer] = useState<GridWorkspaceBuilding | null>(null);

  const shown = useMemo(() => {
    const q = query.trim();
    return data.buildings.filter(
      (b) =>
        (q === '' || b.address.includes(q) || b.code.includes(q)) &&
        (filter === 'all' ||
          (filter === 'open' && b.open > 0) ||
          (filter === 'overdue' && b.overdue > 0) ||
          (filter === 'unvisited' && b.lastVisitAt === null)),
    );
  }, [data.buildings, query, filter]);

  const { totals, grid } = data;
  const overdueCases = data.openCases.filter((c) => c.deadline === 'overdue').length;
  const place = [grid.townName, grid.villageName].filter(Boolean).join(' · ');
  const select = (id: number) => {
    setSelected(id);
    document.getElementById(`grid-building-${id}`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  };

  return (
    <div className={`staff__page ${styles.page}`} data-testid="grid-workspace">
      <h1>{t('title')}</h1>
      <p className="staff__hint">
        {t.rich('subtitle', { grid: grid.name, place: place || '—', data: userData })}
      </p>

      <ul className={styles.stats} aria-label={t('stats.label')}>
        <li>
          <span>{t('stats.buildings')}</span>
          <strong data-testid="stat-buildings">{totals.buildings}</strong>
        </li>
        <li>
          <span>{t('stats.households')}</span>
          <strong>{totals.households}</strong>
        </li>
        <li>
          <span>{t('stats.complaints')}</span>
          <strong data-testid="stat-complaints">{totals.complaints}</strong>
        </li>
        <li>
          <a href="#grid-cases">
            <span>{t('stats.open')}</span>
            <strong>{data.openCases.length}</strong>
          </a>
        </li>
        <li className={overdueCases > 0 ? styles.alert : undefined}>
          <a href="#grid-cases">
            <span>{t('stats.overdue')}</span>
            <strong>{overdueCases}</strong>
          </a>
        </li>
        <li className={data.visitsDue.length > 0 ? styles.warn : undefined}>
          <a href="#grid-visits-due">
            <span>{t('stats.visitsDue')}</span>
            <strong data-testid="stat-visits-due">{data.visitsDue.length}</strong>
          </a>
        </li>
      </ul>

      <div className={styles.main}>
        <div className={styles.mapBox}>
          <GridMapLoader
            boundary={grid.boundary}
            bbox={grid.bbox}
            buildings={data.buildings}
            selected={selected}
            onSelect={select}
            label={t('map.label', { grid: grid.name })}
          />
          <p className={styles.legend}>
            <span className={styles.swatchNone} /> {t('map.none')}
            <span className={styles.swatchSome} /> {t('map.some')}
            <span className={styles.swatchOpen} /> {t('map.open')}
            <span className={styles.swatchOverdue} /> {t('map.overdue')}
          </p>
        </div>

        <section className={styles.listBox} aria-labelledby="grid-buildings-title">
          <h2 id="grid-buildings-title" className={styles.h2}>
            {t('buildings.title', { count: shown.length, total: data.buildings.length })}
          </h2>
          <Input.Search
            allowClear
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={t('buildings.search')}
            aria-label={t('buildings.search')}
          />
          <Segmented<Filter>
            block
            size="small"
            aria-label={t('buildings.filterLabel')}
            value={filter}
            onChange={setFilter}
            options={(['all', 'open', 'overdue', 'unvisited'] as const).map((f) => ({
              value: f,
              label: t(`buildings.filter.${f}`),
            }))}
            className={styles.filter}
          />
          {shown.length === 0 ? (
            <Empty description={t('buildings.empty')} />
          ) : (
            <ul className={styles.buildings} data-testid="grid-buildings">
              {shown.map((b) => (
                <li
                  key={b.id}
                  id={`grid-building-${b.id}`}
                  className={b.id === selected ? styles.selected : undefined}
                  data-building-id={b.id}
                  data-complaints={b.complaints}
                >
                  <button type="button" className={styles.buildingHead} onClick={() => setSelected(b.id)}>
                    <strong data-user-content>{b.address}</strong>
                    <span className={styles.muted}>
                      {t(`use.${b.use}` as 'use.residential')} · {t('buildings.floors', { n: b.floors })} ·{' '}
                      {t('buildings.households', { n: b.households })}
                    </span>
                  </button>
                  <div className={styles.counts}>
                    <Tag>{t('buildings.complaints', { n: b.complaints })}</Tag>
                    {b.open > 0 ? <Tag color="blue">{t('buildings.open', { n: b.open })}</Tag> : null}
                    {b.overdue > 0 ? <Tag color="red">{t('buildings.overdue', { n: b.overdue })}</Tag> : null}
                    {b.dueSoon > 0 ? (
                      <Tag color="orange">{t('buildings.dueSoon', { n: b.dueSoon })}</Tag>
                    ) : null}
                  </div>
                  <p className={styles.muted}>
                    {b.nextDueAt ? `${t('buildings.nextDue', { at: formatDeadline(b.nextDueAt) })} · ` : ''}
                    {b.lastVisitAt
                      ? t('buildings.lastVisit', { at: formatDateTime(b.lastVisitAt) })
                      : t('buildings.neverVisited')}
                  </p>
                  <div className={styles.actions}>
                    {data.canVisit ? (
                      <Button
                        size="small"
                        type="primary"
                        onClick={() => setVisit({ kind: 'building', id: b.id, label: b.address })}
                        data-testid="record-visit"
                      >
                        {t('actions.visit')}
                      </Button>
                    ) : null}
                    {data.canReport ? (
                      <Button size="small" href={`/report?building=${b.id}`} data-testid="report-on-behalf">
                        {t('actions.report')}
                      </Button>
                    ) : null}
                    <Button size="small" onClick={() => setDrawer(b)}>
                      {t('actions.details')}
                    </Button>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <Tabs
        className={styles.tabs}
        items={[
          {
            key: 'cases',
            label: t('cases.title', { count: data.openCases.length }),
            children: (
              <section id="grid-cases">
                {data.openCases.length === 0 ? (
                  <Empty description={t('cases.empty')} />
                ) : (
                  <ul className={styles.rows} data-testid="grid-cases">
                    {data.openCases.map((c) => (
                      <li key={c.id}>
                        <Link href={`/cases/${c.id}`} data-user-content>
                          {c.title}
                        </Link>
                        <span className={styles.muted}>
                          {c.buildingAddress && (
                            <>
                              <span data-user-content>{c.buildingAddress}</span> ·{' '}
                            </>
                          )}
                          {locale === 'en' ? (c.categoryEn ?? c.category) : c.category}
                          {c.office && (
                            <>
                              {' · '}
                              <span data-user-content>{c.office}</span>
                            </>
                          )}
                        </span>
                        <span>
                          <Tag>{tStatus(c.status as 'received')}</Tag>
                          <Tag color={DEADLINE_TAG[c.deadline]}>
                            {t(`deadline.${c.deadline}` as 'deadline.on_track')}
                            {c.resolveDueAt ? ` · ${formatDeadline(c.resolveDueAt)}` : ''}
                          </Tag>
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            ),
          },
          {
            key: 'due',
            label: t('due.title', { count: data.visitsDue.length }),
            children: (
              <section id="grid-visits-due">
                <p className={styles.muted}>{t('due.rule')}</p>
                {data.visitsDue.length === 0 ? (
                  <Empty description={t('due.empty')} />
                ) : (
                  <ul className={styles.rows} data-testid="grid-visits-due">
                    {data.visitsDue.map((v) => (
                      <li key={v.id}>
                        <Link href={`/cases/${v.id}`} data-user-content>
                          {v.title}
                        </Link>
                        <span className={styles.muted}>
                          {v.buildingAddress && (
                            <>
                              <span data-user-content>{v.buildingAddress}</span> ·{' '}
                            </>
                          )}
                          {t('due.resolved', { at: formatDateTime(v.resolvedAt) })}
                        </span>
                        <span>
                          <Tag color={new Date(v.visitDueAt).getTime() < Date.now() ? 'red' : 'orange'}>
                            {t('due.by', { at: formatDateTime(v.visitDueAt) })}
                          </Tag>
                          <Button
                            size="small"
                            onClick={() => setVisit({ kind: 'case', id: v.id, label: v.title })}
                          >
                            {t('actions.caseVisit')}
                          </Button>
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            ),
          },
          {
            key: 'visits',
            label: t('visits.title', { count: data.visits.length }),
            children: (
              <section id="grid-visits">
                {data.visits.length === 0 ? (
                  <Empty description={t('visits.empty')} />
                ) : (
                  <ul className={styles.rows} data-testid="grid-visits">
                    {data.visits.map((v) => (
                      <li key={v.id}>
                        <strong>{v.outcome}</strong>
                        <span className={styles.muted}>
                          {[
                            formatDateTime(v.visitedAt),
                            t(`methods.${v.method}`),
                            v.visitor,
                            v.buildingAddress,
                            v.complaintId ? t('visits.case', { id: v.complaintId }) : null,
                          ]
                            .filter(Boolean)
                            .join(' · ')}
                        </span>
                        {v.note ? <span>{v.note}</span> : null}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            ),
          },
        ]}
      />

      <VisitModal
        target={visit}
        onClose={() => setVisit(null)}
        onSaved={() => {
          setVisit(null);
          router.refresh();
        }}
      />
      <BuildingDrawer building={drawer} onClose={() => setDrawer(null)} />
    </div>
  );
}
