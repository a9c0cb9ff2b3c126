import { getLocale, getTranslations } from 'next-intl/server';
import { GridWorkspaceView } from '@/components/grid/grid-workspace';
import { getDb } from '@/db/client';
import { requirePage } from '@/lib/auth/require-page.server';
import { getGridWorkspace } from '@/lib/grid/get-grid-workspace.server';

export async function generateMetadata() {
  const t = await getTranslations('grid');
  return { title: t('title') };
}

/** 我的网格: the grid worker's own buildings, cases and visits (the grid worker's landing page). */
export default async function GridPage() {
  const user = await requirePage('grid');
  const data = await getGridWorkspace(await getDb(), { user, now: new Date() });
  return <GridWorkspaceView data={data} locale={await getLocale()} />;
}
