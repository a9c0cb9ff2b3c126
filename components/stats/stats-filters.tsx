'use client';

import { Button, Cascader, Input, Segmented, Select } from 'antd';
import { usePathname, useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { UserContent } from '@/components/ui/user-content';
import { listStatsAreaChildren } from '@/lib/query/stats';
import { addMonths, cstMonth, monthPeriod } from '@/lib/stats/period';
import type { AreaPathNode } from '@/lib/stats/stats.types';
import { type StatsState, statsQueryString } from '@/lib/stats/url-state';

interface AreaOption {
  value: string;
  label: string;
  isLeaf?: boolean;
  children?: AreaOption[];
  loading?: boolean;
}

/** The options of the area picker: the path to the chosen area with its siblings, the rest loaded on demand. */
function buildOptions(path: AreaPathNode[]): AreaOption[] {
  const root = path[0];
  if (!root) return [];
  const byCode = new Map(path.map((p) => [p.code, p]));
  const toOption = (code: string, name: string, hasChildren: boolean): AreaOption => {
    const node = byCode.get(code);
    return {
      value: code,
      label: name,
      isLeaf: !hasChildren,
      children: node ? node.children.map((c) => toOption(c.code, c.name, c.hasChildren)) : undefined,
    };
  };
  return [toOption(root.code, root.name, root.children.length > 0)];
}

/**
 * Area (cascader from the viewer's division down to a village) and period (a month, or a custom
 * range of days): every change navigates, so the URL holds the whole view.
 */
export function StatsFilters({
  state,
  areaPath,
  basePath,
  monthOnly = false,
}: {
  state: StatsState;
  areaPath: AreaPathNode[];
  basePath?: string;
  monthOnly?: boolean;
}) {
  const t = useTranslations('stats');
  const router = useRouter();
  const pathname = usePathname();
  const [options, setOptions] = useState<AreaOption[]>(() => buildOptions(areaPath));
  const [mode, setMode] = useState<'month' | 'range'>(state.month || monthOnly ? 'month' : 'range');
  const [rangeError, setRangeError] = useState(false);
  const value = useMemo(() => areaPath.map((p) => p.code), [areaPath]);
  const [from, setFrom] = useState(state.from);
  const [to, setTo] = useState(state.to);
  const months = useMemo(() => {
    const last = cstMonth(new Date());
    return Array.from({ length: 36 }, (_, i) => addMonths(last, -i));
  }, []);

  const go = (next: StatsState) => router.push(`${basePath ?? pathname}?${statsQueryString(next)}`);

  const loadData = async (selected: AreaOption[]) => {
    const target = selected[selected.length - 1];
    if (!target || target.children) return;
    target.loading = true;
    setOptions([...options]);
    const children = await listStatsAreaChildren(target.value).catch(() => null);
    target.loading = false;
    if (children) {
      target.children = children.map((c) => ({ value: c.code, label: c.name, isLeaf: !c.hasChildren }));
    }
    setOptions([...options]);
  };

  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: '8px 12px', alignItems: 'center', fontSize: 15 }}>
      <span>{t('area')}</span>
      <Cascader
        aria-label={t('area')}
        options={options}
        value={value}
        loadData={loadData}
        changeOnSelect
        allowClear={false}
        style={{ minWidth: 280 }}
        displayRender={(labels) => labels.join(' / ')}
        // Division names are data (Chinese only): the open list marks them as such.
        optionRender={(option) => <UserContent>{option.label}</UserContent>}
        onChange={(codes) => {
          const code = codes?.[codes.length - 1];
          if (code) go({ ...state, area: String(code) });
        }}
        data-testid="stats-area"
      />
      <span>{t('period')}</span>
      {!monthOnly && (
        <Segmented
          aria-label={t('period')}
          value={mode}
          onChange={(v) => setMode(v as 'month' | 'range')}
          options={[
            { value: 'month', label: t('month') },
            { value: 'range', label: t('range') },
          ]}
        />
      )}
      {mode === 'month' ? (
        <Select
          value={state.month ?? state.to.slice(0, 7)}
          style={{ width: 150 }}
          aria-label={t('pickMonth')}
          options={months.map((m) => ({
            value: m,
            label: t('monthLabel', { year: m.slice(0, 4), month: Number(m.slice(5)) }),
          }))}
          onChange={(month: string) => {
            const p = monthPeriod(month);
            go({ ...state, month, from: p.from, to: p.to });
          }}
          data-testid="stats-month"
        />
      ) : (
        <span style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
          <Input
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            status={rangeError ? 'error' : undefined}
            style={{ width: 160 }}
            aria-label="from"
          />
          <span>—</span>
          <Input
            type="date"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            status={rangeError ? 'error' : undefined}
            style={{ width: 160 }}
            aria-label="to"
          />
          <Button
            type="primary"
            onClick={() => {
              if (!from || !to || from > to) {
                setRangeError(true);
                return;
              }
              setRangeError(false);
              go({ ...state, month: null, from, to });
            }}
          >
            {t('apply')}
          </Button>
          {rangeError && <span style={{ color: '#cf1322' }}>{t('badRange')}</span>}
        </span>
      )}
    </div>
  );
}
