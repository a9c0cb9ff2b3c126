import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { LetterRow } from '@/db/queries/supervision';
import { formatDateTime, formatZhDate, formatZhDeadlineDate } from '@/lib/format/date-time';
import styles from './letter-document.module.css';
import { PrintButton } from './print-button';

const fmt = formatDateTime;
const day = formatZhDate;
/** A deadline's day (a limit ends at 24:00 CST: stored as 00:00 of the next day, printed as its own day). */
const dueDay = formatZhDeadlineDate;

/** The printable 督办函 (A4, Chinese official-letter layout). The letter text is Chinese, as issued. */
export async function LetterDocument({ letter }: { letter: LetterRow }) {
  const t = await getTranslations('supervision.doc');
  return (
    <div data-letter-code={letter.code}>
      <div className={styles.toolbar}>
        {letter.complaintId && <Link href={`/cases/${letter.complaintId}`}>← {t('back')}</Link>}
        <PrintButton label={t('print')} />
      </div>
      <article className={styles.sheet}>
        <div className={styles.authority}>{letter.issuingOfficeName}</div>
        <div className={styles.number}>督办函〔{letter.code}〕</div>
        <hr className={styles.rule} />
        <h1 className={styles.title}>
          关于督促办理群众诉求
          <br />“{letter.complaintTitle ?? ''}”的督办函
        </h1>
        <p className={styles.addressee}>{letter.officeName}：</p>
        <p className={styles.body}>{letter.reason}</p>
        <p className={styles.body}>特此督办。</p>
        <table className={styles.facts}>
          <tbody>
            <tr>
              <th>受理编号</th>
              <td>{letter.trackingCode ?? '—'}</td>
            </tr>
            <tr>
              <th>诉求事项</th>
              <td>{letter.complaintTitle ?? '—'}</td>
            </tr>
            <tr>
              <th>诉求内容</th>
              <td>{letter.complaintDescription ?? '—'}</td>
            </tr>
            <tr>
              <th>地点</th>
              <td>{letter.complaintAddress ?? '—'}</td>
            </tr>
            <tr>
              <th>提交时间</th>
              <td>{fmt(letter.complaintSubmittedAt)}</td>
            </tr>
            <tr>
              <th>办结时限</th>
              <td>{letter.complaintResolveDueAt ? dueDay(letter.complaintResolveDueAt) : '—'}</td>
            </tr>
            <tr>
              <th>答复时限</th>
              <td>{dueDay(letter.dueAt)}</td>
            </tr>
          </tbody>
        </table>
        <div className={styles.signature}>
          <div>{letter.issuingOfficeName}</div>
          <div>{day(letter.issuedAt)}</div>
        </div>
        <section className={styles.receipt}>
          <h2>签收回执</h2>
          <div>
            {letter.acknowledgedAt
              ? `签收人：${letter.acknowledgedByName ?? '—'}　签收时间：${fmt(letter.acknowledgedAt)}`
              : '签收人：＿＿＿＿＿＿　签收时间：＿＿＿＿年＿＿月＿＿日'}
          </div>
          {letter.answeredAt && (
            <>
              <h2 style={{ marginTop: '8pt' }}>办理情况报告</h2>
              <div style={{ whiteSpace: 'pre-wrap' }}>{letter.answer}</div>
              <div>
                答复人：{letter.answeredByName ?? '—'}　答复时间：{fmt(letter.answeredAt)}
              </div>
            </>
          )}
        </section>
      </article>
    </div>
  );
}
