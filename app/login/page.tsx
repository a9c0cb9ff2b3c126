import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { LoginForm } from '@/components/auth/login-form';
import { getCurrentUser } from '@/lib/auth/current-user.server';
import { landingPath } from '@/lib/auth/pages';
import { safeNextPath } from '@/lib/auth/safe-next';

export async function generateMetadata() {
  const t = await getTranslations('auth.login');
  return { title: t('title') };
}

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Without a `next`, each role lands on its own page (lib/auth/pages.ts landingPath).
  const raw = (await searchParams).next;
  const next = raw ? safeNextPath(raw) : null;
  const user = await getCurrentUser();
  if (user) redirect(next ?? landingPath(user));
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: '48px 16px' }}>
      <LoginForm next={next} />
    </div>
  );
}
