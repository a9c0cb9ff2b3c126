import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import styles from './public-links.module.css';

/** 我要反映 / 进度查询 in the header: the residents' two doors. */
export async function PublicLinks() {
  const t = await getTranslations('intake.nav');
  return (
    <span className={`${styles.links} app-header__public`}>
      <Link href="/report">{t('report')}</Link>
      <Link href="/track">{t('track')}</Link>
    </span>
  );
}
