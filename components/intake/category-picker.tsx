'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import styles from './intake.module.css';

export interface PickerCategory {
  code: string;
  parentCode: string | null;
  level: number;
  nameZh: string;
  nameEn: string;
}

/** Level-2 categories matching a search over both levels' names (a level-1 match brings all its children). */
export function searchCategories(
  categories: readonly PickerCategory[],
  query: string,
  allowed: (c: PickerCategory) => boolean,
): PickerCategory[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const parents = new Map(categories.filter((c) => c.level === 1).map((c) => [c.code, c]));
  const hit = (c: PickerCategory | undefined) =>
    c !== undefined && (c.nameZh.toLowerCase().includes(q) || c.nameEn.toLowerCase().includes(q));
  return categories.filter(
    (c) => c.level === 2 && allowed(c) && (hit(c) || hit(parents.get(c.parentCode ?? ''))),
  );
}

/**
 * 问题类别: two levels with a search over both. Level 1 (about 15 groups) → level 2; typing searches
 * every category name (Chinese and English). The misconduct channel shows its own group only.
 */
export function CategoryPicker({
  categories,
  misconduct,
  value,
  onChange,
  locale,
}: {
  categories: readonly PickerCategory[];
  misconduct: boolean;
  value: string;
  onChange: (code: string) => void;
  locale: string;
}) {
  const t = useTranslations('intake.report');
  const [query, setQuery] = useState('');
  const [group, setGroup] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const nameOf = (c: PickerCategory) => (locale === 'en' ? c.nameEn : c.nameZh);
  const allowed = (c: PickerCategory) => (misconduct ? c.code.startsWith('JJ') : !c.code.startsWith('JJ'));

  const groups = categories
    .filter((c) => c.level === 1 && allowed(c))
    .map((g) => ({ group: g, children: categories.filter((c) => c.level === 2 && c.parentCode === g.code) }))
    .filter((g) => g.children.length > 0);
  const byCode = new Map(categories.map((c) => [c.code, c]));
  const chosen = value ? byCode.get(value) : undefined;
  const parentName = (c: PickerCategory) => {
    const p = c.parentCode ? byCode.get(c.parentCode) : undefined;
    return p ? nameOf(p) : '';
  };
  // One group only (the misconduct channel): open it directly.
  const openGroup = group ?? (groups.length === 1 ? groups[0]!.group.code : null);

  if (chosen && !editing) {
    return (
      <div className={styles.pickerChosen} data-testid="category-chosen" data-code={chosen.code}>
        <span>
          {t('picker.chosen', {
            name: groups.length > 1 ? `${parentName(chosen)} › ${nameOf(chosen)}` : nameOf(chosen),
          })}
        </span>
        <span className={styles.placeRow}>
          <button type="button" className={styles.link} onClick={() => setEditing(true)}>
            {t('picker.change')}
          </button>
          <button type="button" className={styles.link} onClick={() => onChange('')}>
            {t('picker.clear')}
          </button>
        </span>
      </div>
    );
  }

  const pick = (code: string) => {
    onChange(code);
    setEditing(false);
    setQuery('');
    setGroup(null);
  };
  const item = (c: PickerCategory, withParent: boolean) => (
    <li key={c.code}>
      <button type="button" onClick={() => pick(c.code)} data-category={c.code}>
        {nameOf(c)}
        {withParent ? <small>{parentName(c)}</small> : null}
      </button>
    </li>
  );
  const matches = searchCategories(categories, query, allowed);
  const current = groups.find((g) => g.group.code === openGroup);

  return (
    <div className={styles.picker} data-testid="category-picker">
      <input
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder={t('picker.search')}
        aria-label={t('picker.search')}
        data-testid="category-search"
        className={styles.pickerSearch}
      />
      {query.trim() ? (
        matches.length === 0 ? (
          <p className={styles.muted}>{t('picker.empty')}</p>
        ) : (
          <ul className={styles.pickerItems} aria-label={t('picker.matches')} data-testid="category-matches">
            {matches.map((c) => item(c, true))}
          </ul>
        )
      ) : current ? (
        <>
          {groups.length > 1 ? (
            <button type="button" className={styles.link} onClick={() => setGroup(null)}>
              ← {t('picker.back')}
            </button>
          ) : null}
          <ul className={styles.pickerItems} aria-label={nameOf(current.group)} data-testid="category-items">
            {current.children.map((c) => item(c, false))}
          </ul>
        </>
      ) : (
        <ul className={styles.pickerGroups} aria-label={t('picker.all')} data-testid="category-groups">
          {groups.map(({ group: g, children }) => (
            <li key={g.code}>
              <button type="button" onClick={() => setGroup(g.code)} data-group={g.code}>
                {nameOf(g)}
                <small>{t('picker.count', { n: children.length })}</small>
              </button>
            </li>
          ))}
        </ul>
      )}
      {editing ? (
        <button type="button" className={styles.link} onClick={() => setEditing(false)}>
          {t('picker.keep')}
        </button>
      ) : null}
    </div>
  );
}
