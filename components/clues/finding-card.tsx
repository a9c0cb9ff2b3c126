'use client';

import { Button, Tag } from 'antd';
import { useLocale, useTranslations } from 'next-intl';
import { UserContent } from '@/components/ui/user-content';
import type { Finding } from '@/lib/clues/clues.types';
import type { FacilityTestEvidence } from '@/lib/clues/facility-findings';
import { formatDate } from '@/lib/format/date-time';

const fmtP = (p: number) =>
  !Number.isFinite(p) ? '—' : p >= 0.001 ? (p >= 0.9995 ? '1' : p.toFixed(3)) : p.toExponential(1);
const fmtN = (n: number) => (n >= 100 ? Math.round(n).toString() : n.toFixed(1));
const fmtPeople = (n: number, locale: string) =>
  locale === 'en' ? `${(n / 1000).toFixed(0)}k` : `${(n / 10_000).toFixed(1)}万`;

/**
 * A facility finding as evidence: per significant category observed vs expected (by facility count
 * and by residents served), p and q; the exposure; each facility with its count (opens its map
 * panel); sample complaints (open the case). The "to clue" button recomputes it on the server.
 */
export function FindingCard({
  finding,
  onToClue,
  creating,
}: {
  finding: Finding;
  onToClue: () => void;
  creating: boolean;
}) {
  const t = useTranslations('analytics.clues');
  const locale = useLocale();
  const e = finding.evidence as unknown as FacilityTestEvidence;
  const max = Math.max(1, ...e.facilities.map((f) => f.count));
  return (
    <article className="finding" data-testid="finding-card" data-finding-key={finding.key}>
      <header className="finding__head">
        <Tag color="red">{t('kinds.facility_pattern')}</Tag>
        <strong>{locale === 'en' ? finding.title.en : finding.title.zh}</strong>
      </header>
      <table className="finding__table">
        <thead>
          <tr>
            <th>{t('card.category')}</th>
            <th>{t('card.observed')}</th>
            <th title={t('card.expectedHint')}>{t('card.expected')}</th>
            <th>p</th>
            <th>q</th>
          </tr>
        </thead>
        <tbody>
          {e.groups.map((g) => (
            <tr key={g.code}>
              <td>
                {locale === 'en' ? g.nameEn : g.nameZh}
                {g.level === 1 && <span className="finding__muted"> {t('card.pooled')}</span>}
              </td>
              <td className="finding__num">
                <strong>{g.observed}</strong>
                <span className="finding__muted">/{g.total}</span>
              </td>
              <td className="finding__num">
                {fmtN(g.expectedByFacilities)}
                {g.expectedByPopulation !== null && (
                  <span className="finding__muted"> · {fmtN(g.expectedByPopulation)}</span>
                )}
              </td>
              <td className="finding__num">{fmtP(g.p)}</td>
              <td className="finding__num finding__q">{fmtP(g.q)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="finding__exposure">
        {t('card.exposure', { k: e.facilitiesTotal, total: e.facilitiesOfKind })}
        {e.population !== null &&
          e.populationOfKind !== null &&
          t('card.exposurePeople', {
            p: fmtPeople(e.population, locale),
            total: fmtPeople(e.populationOfKind, locale),
          })}
        <br />
        {t('card.method', { tested: e.tested, fdr: e.fdr })}
      </p>
      <h4>{t('card.facilities', { affected: e.facilitiesAffected, total: e.facilitiesTotal })}</h4>
      <ul className="finding__facilities">
        {e.facilities.map((f) => (
          <li key={f.id}>
            <a href={`/map?fac=${f.id}`} title={t('card.onMap')}>
              {f.name}
            </a>
            <span className="finding__bar" style={{ width: `${(60 * f.count) / max}%` }} />
            <span className="finding__num">{f.count}</span>
          </li>
        ))}
      </ul>
      {e.samples.length > 0 && (
        <>
          <h4>{t('card.samples')}</h4>
          <ul className="finding__samples">
            {e.samples.map((c) => (
              <li key={c.id}>
                <a href={`/cases/${c.id}`}>{c.trackingCode}</a> <UserContent>{c.title}</UserContent>
                <div className="finding__muted">
                  {c.facilityName} · {c.categoryName ?? ''} · {formatDate(c.submittedAt)}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      <footer className="finding__foot">
        <span className="analysis__score">{t('score', { score: finding.score.toFixed(2) })}</span>
        <Button size="small" onClick={onToClue} loading={creating}>
          {t('toClue')}
        </Button>
      </footer>
    </article>
  );
}
