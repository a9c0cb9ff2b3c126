/** 权责匹配: the resolver lives in lib/routing (shared with the live workflow); re-exported for the seed. */

export { type Route, type RouteOffice, Router } from '@/lib/routing/router';
export { loadRouter } from '../../queries/routing';
