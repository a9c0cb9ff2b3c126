'use client';

import { useQuery } from '@tanstack/react-query';
import { Alert, Drawer, Empty, Spin, Tag } from 'antd';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { UserContent, userData } from '@/components/ui/user-content';
import { formatDeadline } from '@/lib/format/date-time';
import type { GridWorkspaceBuilding } from '@/lib/grid/grid-workspace';
import { buildingPanelQuery } from '@/lib/query/grid';

/**
 * A building's households and complaints, from the map's building panel route: persons are shown
 * as the policy allows (the grid's own worker unmasked, on the audit record; others masked).
 */
export function BuildingDrawer({
  building,
  onClose,
}: {
  building: GridWorkspaceBuilding | null;
  onClose: () => void;
}) {
  const t = useTranslations('grid');
  const tStatus = useTranslations('map.status');
  const panel = useQuery({ ...buildingPanelQuery(building?.id ?? 0), enabled: building !== null });
  const data = panel.data;
  return (
    <Drawer
      open={building !== null}
      onClose={onClose}
      title={building ? <UserContent>{building.address}</UserContent> : null}
      size="default"
      destroyOnHidden
    >
      {panel.isLoading ? <Spin /> : null}
      {panel.error ? <Alert type="error" showIcon message={t('drawer.failed')} /> : null}
      {data ? (
        <>
          <h3>{t('drawer.households', { n: data.households.length })}</h3>
          {data.masked ? <p>{t('drawer.masked')}</p> : <p>{t('drawer.audited')}</p>}
          {data.households.length === 0 ? (
            <Empty description={t('drawer.noHouseholds')} />
          ) : (
            <ul style={{ paddingInlineStart: 18 }} data-testid="drawer-households">
              {data.households.map((h) => (
                <li key={h.id}>
                  {t.rich('drawer.household', {
                    data: userData,
                    unit: h.unit,
                    size: h.size,
                    persons:
                      h.persons
                        .map((p) => [p.name, p.phone].filter(Boolean).join(' '))
                        .join(t('drawer.sep')) || '—',
                  })}
                </li>
              ))}
            </ul>
          )}
          <h3>{t('drawer.complaints', { n: data.complaints.length })}</h3>
          {data.complaints.length === 0 ? (
            <Empty description={t('drawer.noComplaints')} />
          ) : (
            <ul style={{ paddingInlineStart: 18 }}>
              {data.complaints.slice(0, 50).map((c) => (
                <li key={c.id}>
                  <Link href={`/cases/${c.id}`} data-user-content>
                    {c.title}
                  </Link>{' '}
                  <Tag>{tStatus(c.status as 'received')}</Tag>
                  {c.resolveDueAt && c.deadline !== 'done' ? formatDeadline(c.resolveDueAt) : ''}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </Drawer>
  );
}
