import type { ReactNode } from 'react';
import { requirePage } from '@/lib/auth/require-page.server';

/** The admin area (系统配置): administrators only; anyone else sees a 403 notice, never the data. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requirePage('admin');
  return children;
}
