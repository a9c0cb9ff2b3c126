import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import {
  formatDate,
  formatDateTime,
  formatDeadlineDate,
  formatZhDate,
  formatZhDeadlineDate,
} from '@/lib/format/date-time';
import type { Letter } from '@/lib/supervision/supervision-board.types';
import styles from './letter-document.module.css';
import { PrintButton } from './print-button';

type Lang = 'zh' | 'en';
const fmt = (d: Date | string | null, _lang: Lang) => formatDateTime(d);
const day = (d: Date | string, lang: Lang) => (lang === 'en' ? formatDate(d) : formatZhDate(d));
/** A deadline's day (a limit ends at 24:00 CST: stored as 00:00 of the next day, printed as its own day). */
const dueDay = (d: Date | string, lang: Lang) =>
  lang === 'en' ? formatDeadlineDate(d) : formatZhDeadlineDate(d);
/** Names and texts from the case (as issued, in Chinese): user data. */
const data = (chunks: ReactNode) => <span data-user-content>{chunks}</span>;

/**
 * The printable 督办函 (A4, Chinese official-letter layout). Its wording follows the reader's language;
 * the reason, the answer and every name are shown as issued.
 */
export async function LetterDocument({ letter }: { letter: Letter }) {
  const t = await getTranslations('supervision.doc');
  const lang: Lang = (await getLocale()) === 'en' ? 'en' : 'zh';
  return (
    <div data-letter-code={letter.code}>
      <div className={styles.toolbar}>
        {letter.complaintId && <Link href={`/cases/${letter.complaintId}`}>← {t('back')}</Link>}
        <PrintButton label={t('print')} />
      </div>
      <article className={styles.sheet}>
        <div className={styles.authority} data-user-content>
          {letter.issuingOfficeName}
        </div>
        <div className={styles.number}>{t('number', { code: letter.code })}</div>
        <hr className={styles.rule} />
        <h1 className={styles.title}>
          {t.rich('title', { title: letter.complaintTitle ?? '', data, br: () => <br /> })}
        </h1>
        <p className={styles.addressee}>{t.rich('addressee', { office: letter.officeName, data })}</p>
        {lang === 'en' && <p className={styles.body}>{t('asIssued')}</p>}
        <p className={styles.body} lang="zh-CN" data-user-content>
          {letter.reason}
        </p>
        <p className={styles.body}>{t('closing')}</p>
        <table className={styles.facts}>
          <tbody>
            <Fact label={t('facts.trackingCode')}>{letter.trackingCode ?? '—'}</Fact>
            <Fact label={t('facts.complaint')}>{data(letter.complaintTitle ?? '—')}</Fact>
            <Fact label={t('facts.description')}>{data(letter.complaintDescription ?? '—')}</Fact>
            <Fact label={t('facts.address')}>{data(letter.complaintAddress ?? '—')}</Fact>
            <Fact label={t('facts.submittedAt')}>{fmt(letter.complaintSubmittedAt, lang)}</Fact>
            <Fact label={t('facts.resolveDue')}>
              {letter.complaintResolveDueAt ? dueDay(letter.complaintResolveDueAt, lang) : '—'}
            </Fact>
            <Fact label={t('facts.replyDue')}>{dueDay(letter.dueAt, lang)}</Fact>
          </tbody>
        </table>
        <div className={styles.signature}>
          <div data-user-content>{letter.issuingOfficeName}</div>
          <div>{day(letter.issuedAt, lang)}</div>
        </div>
        <section className={styles.receipt}>
          <h2>{t('receipt')}</h2>
          <div>
            {letter.acknowledgedAt
              ? t.rich('acknowledged', {
                  name: letter.acknowledgedByName ?? '—',
                  at: fmt(letter.acknowledgedAt, lang),
                  data,
                })
              : t('ackBlank')}
          </div>
          {letter.answeredAt && (
            <>
              <h2 style={{ marginTop: '8pt' }}>{t('report')}</h2>
              <div style={{ whiteSpace: 'pre-wrap' }} data-user-content>
                {letter.answer}
              </div>
              <div>
                {t.rich('answered', {
                  name: letter.answeredByName ?? '—',
                  at: fmt(letter.answeredAt, lang),
                  data,
                })}
              </div>
            </>
          )}
        </section>
      </article>
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <tr>
      <th>{label}</th>
      <td>{children}</td>
    </tr>
  );
}
