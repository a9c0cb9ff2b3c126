/** Client fetchers for the surge alerts (TanStack Query keys and functions). */
import type {
  AlertListResponse,
  AlertRunResponse,
  SubscriptionInput,
  SubscriptionListResponse,
} from '@/lib/alerts/alert-types';
import { getJson, request } from './api-client';

/** Every alert query's key starts with this (a run invalidates them all). */
export const ALERTS_KEY = ['alerts'] as const;

export const alertsQuery = (state: 'open' | 'all', limit = 100) => ({
  queryKey: ['alerts', state, limit] as const,
  queryFn: () => getJson<AlertListResponse>(`/api/alerts?state=${state}&limit=${limit}`),
  staleTime: 30_000,
  refetchInterval: 60_000,
});

export const alertSubscriptionsQuery = () => ({
  queryKey: ['alerts', 'subscriptions'] as const,
  queryFn: () => getJson<SubscriptionListResponse>('/api/alerts/subscriptions'),
});

const send = <T>(url: string, method: 'POST' | 'DELETE', body?: unknown): Promise<T | null> =>
  request<T | null>(url, { method, body });

export const runAlertsNow = () => send<AlertRunResponse>('/api/alerts/run', 'POST');
export const subscribeToAlerts = (input: SubscriptionInput) =>
  send<{ subscription: { id: number } }>('/api/alerts/subscriptions', 'POST', input);
export const unsubscribeFromAlerts = (id: number) => send<null>(`/api/alerts/subscriptions/${id}`, 'DELETE');

/**
 * The map view of an alert: a surge's area at a zoom that shows it whole, an emerging hot spot's cell
 * close up; the category filtered.
 */
export function alertMapHref(a: {
  area: { level: string; lng: number | null; lat: number | null };
  category: { code: string };
  cell?: { lng: number; lat: number } | null;
}): string {
  if (a.cell) return `/map?v=${a.cell.lng.toFixed(5)},${a.cell.lat.toFixed(5)},14&cat=${a.category.code}`;
  if (a.area.lng === null || a.area.lat === null) return `/map?cat=${a.category.code}`;
  const zoom = a.area.level === 'village' ? 13.5 : a.area.level === 'town' ? 12 : 10.5;
  return `/map?v=${a.area.lng.toFixed(5)},${a.area.lat.toFixed(5)},${zoom}&cat=${a.category.code}`;
}
