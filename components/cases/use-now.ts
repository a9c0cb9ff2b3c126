'use client';

import { useEffect, useState } from 'react';

/** The current time, re-read every `everyMs` (live countdowns). Starts from the server's `initial` to avoid a hydration mismatch. */
export function useNow(initial: number, everyMs = 30_000): Date {
  const [now, setNow] = useState(initial);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return new Date(now);
}
