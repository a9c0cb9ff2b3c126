'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { formatDateTime, formatDeadline } from '@/lib/format/date-time';
import type { PublicTimeline } from '@/lib/intake/public-timeline';
import { ApiError, postJson } from '@/lib/query/api-client';
import { errorKeyOf } from './error-keys';
import styles from './intake.module.css';
import { NextStepLine } from './next-step-line';
import { TRACK_HANDOFF, type TrackHandoff } from './report-form';

const LEVELS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
type Level = (typeof LEVELS)[number];

/** The receipt's handoff: JSON credentials (or a bare code, as older tabs wrote it). */
function readHandoff(raw: string | null): TrackHandoff | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as TrackHandoff;
    if (typeof v?.trackingCode === 'string') return v;
  } catch {
    // a bare code
  }
  return /^[A-Z0-9]{4,16}$/i.test(raw) ? { trackingCode: raw } : null;
}

/** 进度查询: code (+ last 4 phone digits) → the public timeline; rating and reopening after resolution. */
export function TrackView() {
  const t = useTranslations('intake');
  const [code, setCode] = useState('');
  const [last4, setLast4] = useState('');
  const [timeline, setTimeline] = useState<PublicTimeline | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [level, setLevel] = useState<Level | null>(null);
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');

  // From the receipt's 查询办理进度: the credentials of this tab's report, looked up at once.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on arrival
  useEffect(() => {
    const handed = readHandoff(sessionStorage.getItem(TRACK_HANDOFF));
    if (!handed) return;
    sessionStorage.removeItem(TRACK_HANDOFF);
    setCode(handed.trackingCode);
    setLast4(handed.phoneLast4 ?? '');
    void call('/api/v1/track', { trackingCode: handed.trackingCode, phoneLast4: handed.phoneLast4 });
  }, []);

  const creds = () => ({ trackingCode: code, phoneLast4: last4.trim() || undefined });
  const fmt = formatDateTime;

  async function call(url: string, body: unknown) {
    setBusy(true);
    setError(null);
    try {
      const res = await postJson<{ complaint: PublicTimeline }>(url, body);
      setTimeline(res.complaint);
    } catch (e) {
      const key = e instanceof ApiError ? (errorKeyOf(e)[0]?.key ?? 'generic') : 'network';
      setError(key);
    } finally {
      setBusy(false);
    }
  }

  const message = (key: string) =>
    key === 'notFound' ? t('track.notFound') : t(`fieldErrors.${key}` as 'fieldErrors.generic');

  return (
    <div className={styles.form}>
      <header className={styles.intro}>
        <h1>{t('track.title')}</h1>
      </header>
      <form
        className={styles.form}
        style={{ padding: 0 }}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void call('/api/v1/track', creds());
        }}
      >
        <label className={styles.field}>
          <span className={styles.label}>{t('track.code')}</span>
          <input
            type="text"
            name="trackingCode"
            autoCapitalize="characters"
            value={code}
            placeholder={t('track.codePlaceholder')}
            onChange={(e) => setCode(e.target.value)}
          />
        </label>
        <label className={styles.field}>
          <span className={styles.label}>{t('track.last4')}</span>
          <input
            type="tel"
            name="phoneLast4"
            inputMode="numeric"
            maxLength={4}
            value={last4}
            placeholder={t('track.last4Hint')}
            onChange={(e) => setLast4(e.target.value)}
          />
        </label>
        {error && !timeline ? (
          <p className={styles.error} role="alert">
            {message(error)}
          </p>
        ) : null}
        <button type="submit" className={styles.primary} disabled={busy}>
          {t('track.search')}
        </button>
      </form>

      {timeline ? (
        <section className={styles.form} style={{ padding: 0 }} data-testid="timeline">
          <dl className={styles.facts}>
            <dt>{t('track.status')}</dt>
            <dd>
              <span className={styles.status} data-testid="status">
                {t(`status.${timeline.status}` as 'status.received')}
              </span>
            </dd>
            {timeline.category ? (
              <>
                <dt>{t('track.category')}</dt>
                <dd>{timeline.category}</dd>
              </>
            ) : null}
            {timeline.urgency ? (
              <>
                <dt>{t('track.urgency')}</dt>
                <dd>{timeline.urgency}</dd>
              </>
            ) : null}
            {timeline.office ? (
              <>
                <dt>{t('track.office')}</dt>
                <dd>{timeline.office}</dd>
              </>
            ) : null}
            {timeline.deadlines.firstReply ? (
              <>
                <dt>{t('track.firstReplyDue')}</dt>
                <dd>{formatDeadline(timeline.deadlines.firstReply)}</dd>
              </>
            ) : null}
            {timeline.deadlines.resolve ? (
              <>
                <dt>{t('track.resolveDue')}</dt>
                <dd>{formatDeadline(timeline.deadlines.resolve)}</dd>
              </>
            ) : null}
          </dl>
          {timeline.nextStep ? <NextStepLine step={timeline.nextStep} /> : null}
          <p style={{ margin: 0, fontSize: 14 }}>{timeline.description}</p>
          {timeline.kind === 'misconduct' ? (
            <p className={styles.muted}>{t('track.misconductNote')}</p>
          ) : null}
          {timeline.answer ? (
            <>
              <h2 className={styles.label}>{t('track.answer')}</h2>
              <p className={styles.answer} data-testid="answer">
                {timeline.answer}
              </p>
            </>
          ) : null}
          <h2 className={styles.label}>{t('track.timeline')}</h2>
          <ol className={styles.timeline}>
            {timeline.events.map((e, i) => (
              <li key={i} data-event={e.type}>
                <time>{fmt(e.at)}</time>
                <strong>
                  {t.has(`event.${e.type}` as 'event.other')
                    ? t(`event.${e.type}` as 'event.other')
                    : t('event.other')}
                </strong>
                {e.office ? ` · ${e.office}` : ''}
                {e.note ? <div>{e.note}</div> : null}
              </li>
            ))}
          </ol>
          {timeline.ratings.map((r) => (
            <p key={r.round} className={styles.muted}>
              {t('track.rated', { level: t(`rating.${r.level}` as 'rating.satisfied') })}
              {r.comment ? `：${r.comment}` : ''}
            </p>
          ))}

          {timeline.canRate ? (
            <form
              className={styles.field}
              data-testid="rate-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (!level) {
                  setError('level');
                  return;
                }
                void call('/api/v1/ratings', { ...creds(), level, comment: comment.trim() || undefined });
              }}
            >
              <h2 className={styles.label}>{t('track.rateTitle')}</h2>
              <div className={styles.levels} role="radiogroup">
                {LEVELS.map((l) => (
                  <label
                    key={l}
                    className={styles.chip}
                    style={l === level ? { background: '#8c1010', color: '#fff' } : undefined}
                  >
                    <input
                      type="radio"
                      name="level"
                      value={l}
                      hidden
                      checked={l === level}
                      onChange={() => setLevel(l)}
                    />
                    {t(`rating.${l}`)}
                  </label>
                ))}
              </div>
              <input
                type="text"
                maxLength={500}
                value={comment}
                placeholder={t('track.rateComment')}
                onChange={(e) => setComment(e.target.value)}
                className={styles.field}
                style={{ padding: 10, border: '1px solid #bfbfbf', borderRadius: 6, font: 'inherit' }}
              />
              {error ? <p className={styles.error}>{message(error)}</p> : null}
              <button type="submit" className={styles.primary} disabled={busy}>
                {t('track.rateSubmit')}
              </button>
            </form>
          ) : null}

          {timeline.canReopen ? (
            <form
              className={styles.field}
              data-testid="reopen-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (reason.trim().length < 2) {
                  setError('reason');
                  return;
                }
                void call('/api/v1/reopen', { ...creds(), reason: reason.trim() });
              }}
            >
              <h2 className={styles.label}>{t('track.reopenTitle')}</h2>
              <textarea
                rows={3}
                maxLength={500}
                value={reason}
                placeholder={t('track.reopenReason')}
                onChange={(e) => setReason(e.target.value)}
                style={{ padding: 10, border: '1px solid #bfbfbf', borderRadius: 6, font: 'inherit' }}
              />
              {error ? <p className={styles.error}>{message(error)}</p> : null}
              <button type="submit" className={styles.secondary} disabled={busy}>
                {t('track.reopenSubmit')}
              </button>
            </form>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
