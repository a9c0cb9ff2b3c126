/** Picker options built from the screens' reference lists (pure, client-safe). */
import type { CategoryOption, DivisionOption, OfficeOption } from '@/lib/admin/admin-screen.types';

export interface TreeNode {
  value: string;
  title: string;
  children?: TreeNode[];
  selectable?: boolean;
}

/** Level-1 categories with their level-2 children, for a TreeSelect (`leavesOnly`: only level 2 selectable). */
export function categoryTree(
  categories: readonly CategoryOption[],
  leavesOnly = false,
  nameOf: (c: CategoryOption) => string = (c) => c.nameZh,
): TreeNode[] {
  const tops = categories.filter((c) => c.level === 1);
  return tops.map((t) => ({
    value: t.code,
    title: `${t.code} ${nameOf(t)}`,
    selectable: !leavesOnly,
    children: categories
      .filter((c) => c.parentCode === t.code)
      .map((c) => ({ value: c.code, title: `${c.code} ${nameOf(c)}` })),
  }));
}

export function categoryLabel(
  categories: readonly CategoryOption[],
  code: string | null,
  nameOf: (c: CategoryOption) => string = (c) => c.nameZh,
): string | null {
  if (!code) return null;
  const c = categories.find((x) => x.code === code);
  return c ? `${c.code} ${nameOf(c)}` : code;
}

/** City → counties → towns → villages. */
export function divisionTree(divisions: readonly DivisionOption[], maxLevel?: 'county' | 'town'): TreeNode[] {
  const order = ['city', 'county', 'town', 'village'];
  const limit = maxLevel ? order.indexOf(maxLevel) : 3;
  const kept = divisions.filter((d) => order.indexOf(d.level) <= limit);
  const byParent = new Map<string | null, DivisionOption[]>();
  const codes = new Set(kept.map((d) => d.code));
  for (const d of kept) {
    const parent = d.parent_code && codes.has(d.parent_code) ? d.parent_code : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), d]);
  }
  const build = (parent: string | null): TreeNode[] =>
    (byParent.get(parent) ?? []).map((d) => {
      const children = build(d.code);
      return { value: d.code, title: d.name, ...(children.length ? { children } : {}) };
    });
  return build(null);
}

export function divisionName(divisions: readonly DivisionOption[], code: string | null): string | null {
  if (!code) return null;
  return divisions.find((d) => d.code === code)?.name ?? code;
}

export function officeOptions(offices: readonly OfficeOption[], divisions: readonly DivisionOption[]) {
  const names = new Map(divisions.map((d) => [d.code, d.name]));
  return offices
    .filter((o) => o.active)
    .map((o) => ({
      value: o.id,
      label: o.name,
      search: `${o.name} ${o.code} ${names.get(o.division_code) ?? ''}`,
    }));
}
