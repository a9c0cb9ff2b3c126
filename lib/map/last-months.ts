const CST = 8 * 3_600_000;

/** The `n` calendar months (Asia/Shanghai) ending with `now`'s, oldest first, and the instant the first begins. Pure. */
export function lastMonths(now: Date, n = 12): { months: string[]; from: Date } {
  const local = new Date(now.getTime() + CST);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  const months = Array.from({ length: n }, (_, i) => {
    const d = new Date(Date.UTC(y, m - (n - 1 - i), 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
  return { months, from: new Date(Date.UTC(y, m - (n - 1), 1) - CST) };
}
