import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { WorkbenchTile } from '@/lib/workbench/workbench';
import styles from './workbench.module.css';

/** The workbench's figures: each a count that opens the list it was counted from. */
export async function WorkbenchCounts({ tiles }: { tiles: WorkbenchTile[] }) {
  const t = await getTranslations('shell.workbench');
  if (tiles.length === 0) return null;
  return (
    <section aria-labelledby="workbench-counts" className={styles.section}>
      <h2 id="workbench-counts" className={styles.h2}>
        {t('countsTitle')}
      </h2>
      <ul className={styles.counts} data-testid="workbench-counts">
        {tiles.map((x) => (
          <li key={x.key} className={styles[x.tone]}>
            <Link href={x.href} prefetch={false} data-tile={x.key} data-count={x.count}>
              <strong>{x.count}</strong>
              <span>{t(`tiles.${x.key}` as 'tiles.overdue')}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
