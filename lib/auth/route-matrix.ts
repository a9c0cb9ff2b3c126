/**
 * The declared authorization matrix: every HTTP route (app/api, app/open311) and every server action,
 * with who may call it. `lib/auth/route-matrix.db.test.ts` enumerates the route files from disk (a
 * route or method missing here fails it), calls each handler with every role and with no session,
 * and checks the answer against this table: 401 without a session, 403 for a role whose ACTIONS
 * entry lacks the action, success or a validation 4xx otherwise; objects addressed by id outside the
 * caller's jurisdiction answer 404.
 *
 * The roles behind an action live only in `lib/auth/policy.ts` (ACTIONS); this file names the action.
 */
import type { Action } from './policy';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What an id in the path (or body) addresses; its jurisdiction check answers 404 outside scope. */
export type ObjectKind = 'complaint' | 'building' | 'facility' | 'grid' | 'clue' | 'letter' | 'spot-check';

export type RouteAccess =
  /**
   * No session needed. `resident`: the public intake API (mini-programs, the report page), no
   * ambient credentials; `open311`: GeoReport v2; `health`: probes; `login`: signing in and out;
   * `public-map`: the home page's base layers and anonymised complaint points; `signed-link`: an
   * HMAC-signed expiring URL is the credential; `docs`: the OpenAPI description.
   */
  | {
      public: 'resident' | 'open311' | 'health' | 'login' | 'public-map' | 'signed-link' | 'docs';
      /**
       * The handler may read the session cookie, but only for a same-origin request, and only to
       * mark a grid worker's report as made on a resident's behalf (never to grant access).
       */
      cookie?: 'on-behalf';
    }
  /** Any signed-in staff member (their own session: who am I). */
  | { signedIn: true }
  /**
   * The caller needs one of `actions` (ACTIONS in policy.ts). `object`: the route addresses one
   * object by id and checks it against the caller's jurisdiction (404 outside). `bearer`: a
   * scheduler token may stand in for the session.
   */
  | { actions: readonly Action[]; object?: ObjectKind; bearer?: 'SUQIU_SWEEP_TOKEN' };

/** Route path (as the file system spells it, without `/route.ts`) → method → access. */
export const ROUTE_MATRIX: Record<string, Partial<Record<HttpMethod, RouteAccess>>> = {
  '/api/admin/calendar-days': { POST: { actions: ['config.manage'] } },
  '/api/admin/calendar-days/[day]': { DELETE: { actions: ['config.manage'] } },
  '/api/admin/calendar-import': { POST: { actions: ['config.manage'] } },
  '/api/admin/deadline-policies': { POST: { actions: ['config.manage'] } },
  '/api/admin/deadline-policies/[id]': {
    PATCH: { actions: ['config.manage'] },
    DELETE: { actions: ['config.manage'] },
  },
  '/api/admin/offices': { POST: { actions: ['config.manage'] } },
  '/api/admin/offices/[id]': { PATCH: { actions: ['config.manage'] } },
  '/api/admin/offices/[id]/active': { POST: { actions: ['config.manage'] } },
  '/api/admin/routing-probe': { POST: { actions: ['config.manage'] } },
  '/api/admin/routing-rules': { POST: { actions: ['config.manage'] } },
  '/api/admin/routing-rules/[id]': {
    PATCH: { actions: ['config.manage'] },
    DELETE: { actions: ['config.manage'] },
  },
  '/api/admin/triage-rules': { POST: { actions: ['config.manage'] } },
  '/api/admin/triage-rules/[id]': { PATCH: { actions: ['config.manage'] } },
  '/api/admin/triage-models/[id]/activate': { POST: { actions: ['config.manage'] } },
  '/api/admin/users': { POST: { actions: ['user.manage'] } },
  '/api/admin/users/[id]': { PATCH: { actions: ['user.manage'] } },
  '/api/admin/users/[id]/lock': { POST: { actions: ['user.manage'] } },
  '/api/admin/users/[id]/password': { POST: { actions: ['user.manage'] } },

  /** Surge alerts of the caller's division and below (lib/alerts/); run: recompute now (counts only). */
  '/api/alerts': { GET: { actions: ['alert.read'] } },
  '/api/alerts/run': { POST: { actions: ['alert.run'], bearer: 'SUQIU_SWEEP_TOKEN' } },
  '/api/alerts/subscriptions': { GET: { actions: ['alert.read'] }, POST: { actions: ['alert.read'] } },
  '/api/alerts/subscriptions/[id]': { DELETE: { actions: ['alert.read'] } },
  /** 每月一题 (lib/topics/): candidates of the caller's division, the picks, one topic's follow-up. */
  '/api/topics': { GET: { actions: ['topic.read'] }, POST: { actions: ['topic.pick'] } },
  '/api/topics/[id]': { GET: { actions: ['topic.read'] } },

  '/api/analytics/cell-complaints': { GET: { actions: ['stats.read'] } },
  '/api/analytics/clusters': { GET: { actions: ['stats.read'] } },
  '/api/analytics/emerging': { GET: { actions: ['stats.read'] } },
  '/api/analytics/hotspots': { GET: { actions: ['stats.read'] } },

  '/api/auth/login': { POST: { public: 'login' } },
  '/api/auth/logout': { POST: { public: 'login' } },
  '/api/auth/me': { GET: { signedIn: true } },

  /** The verb decides the action (lib/workflow/transitions.ts); the route needs one of them. */
  '/api/cases/[id]/transitions': {
    POST: {
      actions: [
        'complaint.handle',
        'complaint.dispatch',
        'complaint.escalate',
        'complaint.merge',
        'complaint.reopen',
        'complaint.recategorize',
      ],
      object: 'complaint',
    },
  },
  '/api/cases/[id]/visits': { POST: { actions: ['complaint.visit'], object: 'complaint' } },
  '/api/cases/[id]/links': { POST: { actions: ['complaint.link'], object: 'complaint' } },

  '/api/clues': { GET: { actions: ['clue.manage'] }, POST: { actions: ['clue.manage'] } },
  '/api/clues/[id]': { GET: { actions: ['clue.manage'], object: 'clue' } },
  '/api/clues/[id]/transition': { POST: { actions: ['clue.manage'], object: 'clue' } },
  '/api/clues/findings': { GET: { actions: ['clue.manage'] } },
  /** GET: the facility test's thresholds (admins who edit them, inspectors); PUT: admins. */
  '/api/clues/settings': {
    GET: { actions: ['config.manage', 'clue.manage'] },
    PUT: { actions: ['config.manage'] },
  },

  '/api/complaints/[id]': { GET: { actions: ['complaint.read'], object: 'complaint' } },
  /** The full contact of one case: read access, then the entitlement (lib/complaints/unmask-contact.server.ts). */
  '/api/complaints/[id]/contact': { POST: { actions: ['complaint.readContact'], object: 'complaint' } },
  '/api/complaints/[id]/attachments': { GET: { actions: ['complaint.read'], object: 'complaint' } },

  /** `list=all|cell|selection` needs complaint.read (or map.read), `inbox` complaint.handle, `dispatch` complaint.dispatch, `contact=1` complaint.readContact (lib/export/export-complaints.server.ts). */
  '/api/export/complaints.xlsx': { GET: { actions: ['complaint.read'] } },
  /** Every statistics table (lib/export/export-stats-table.server.ts), scoped like the statistics. */
  '/api/export/stats.xlsx': { GET: { actions: ['stats.read'] } },

  '/api/grids/[id]/persons': { GET: { actions: ['person.read'], object: 'grid' } },

  '/api/health': { GET: { public: 'health' } },

  '/api/map/area': { GET: { actions: ['map.read'] } },
  '/api/map/areas': { GET: { public: 'public-map' } },
  '/api/map/building-search': { GET: { actions: ['building.read'] } },
  '/api/map/buildings': { GET: { actions: ['building.read'] } },
  '/api/map/buildings/[id]': { GET: { actions: ['building.read'], object: 'building' } },
  '/api/map/buildings/[id]/visits': { POST: { actions: ['building.visit'], object: 'building' } },
  '/api/map/cells': { GET: { actions: ['map.read'] } },
  '/api/map/complaints': { GET: { public: 'public-map' } },
  '/api/map/facilities': { GET: { actions: ['map.read'] } },
  '/api/map/facilities/[id]': { GET: { actions: ['building.read'], object: 'facility' } },
  '/api/map/grids': { GET: { public: 'public-map' } },
  '/api/map/hexagons': { GET: { actions: ['map.read'] } },
  '/api/map/points': { GET: { actions: ['map.read'] } },
  '/api/map/selection': { GET: { actions: ['map.read'] } },
  '/api/map/tiles/[z]/[x]/[y]': { GET: { actions: ['map.read'] } },

  /** Monthly reports of areas inside the caller's division (other areas and ids answer 404). */
  '/api/reports': { GET: { actions: ['report.read'] }, POST: { actions: ['report.read'] } },
  '/api/reports/[id]/pdf': { GET: { actions: ['report.read'] } },

  '/api/stats/areas': { GET: { actions: ['stats.read'] } },
  '/api/stats/assessment': { GET: { actions: ['stats.read'] } },
  /** GET: the weights in force (admins who edit them, and readers of the assessment); PUT: admins. */
  '/api/stats/assessment/weights': {
    GET: { actions: ['config.manage', 'stats.read'] },
    PUT: { actions: ['config.manage'] },
  },
  '/api/stats/categories': { GET: { actions: ['stats.read'] } },
  '/api/stats/complaints': { GET: { actions: ['stats.read'] } },
  '/api/stats/indicators': { GET: { actions: ['stats.read'] } },
  '/api/stats/offices': { GET: { actions: ['stats.read'] } },
  /** 每万人诉求量 (person registry) and silent villages and grids of the area. */
  '/api/stats/per-capita': { GET: { actions: ['stats.read'] } },
  '/api/stats/trend': { GET: { actions: ['stats.read'] } },

  /** 推诿扯皮: bouncing cases, office pairs, offices and category × town patterns of the caller's division. */
  '/api/supervision/buck-passing': { GET: { actions: ['buckPassing.read'] } },
  /** 权责规则修正 from 推诿扯皮 patterns: proposals with their replay (figures only); admins apply them. */
  '/api/routing/amendments': {
    GET: { actions: ['buckPassing.read', 'config.manage'] },
    POST: { actions: ['config.manage'] },
  },
  '/api/supervision/letters': { POST: { actions: ['complaint.supervise'], object: 'complaint' } },
  '/api/supervision/letters/[id]': { POST: { actions: ['letter.answer'], object: 'letter' } },
  '/api/supervision/spot-checks': { POST: { actions: ['complaint.supervise'] } },
  '/api/supervision/spot-checks/[id]': {
    POST: { actions: ['complaint.supervise'], object: 'spot-check' },
  },

  '/api/sweep': { POST: { actions: ['complaint.supervise'], bearer: 'SUQIU_SWEEP_TOKEN' } },

  '/api/v1/attachments/[id]': { GET: { public: 'signed-link' } },
  '/api/v1/buildings/search': { GET: { public: 'resident' } },
  '/api/v1/places/at': { GET: { public: 'resident' } },
  '/api/v1/categories': { GET: { public: 'resident' } },
  '/api/v1/categories/suggest': { GET: { public: 'resident' }, POST: { public: 'resident' } },
  '/api/v1/complaints': { POST: { public: 'resident', cookie: 'on-behalf' } },
  '/api/v1/openapi.json': { GET: { public: 'docs' } },
  '/api/v1/ratings': { POST: { public: 'resident' } },
  '/api/v1/reopen': { POST: { public: 'resident' } },
  '/api/v1/track': { POST: { public: 'resident' } },
  '/api/v1/uploads': { POST: { public: 'resident', cookie: 'on-behalf' } },

  '/open311/v2/[...path]': { GET: { public: 'open311' }, POST: { public: 'open311' } },
};

/**
 * Server actions ('use server' files, relative to the repository root) → the action each exported
 * function needs. None exist today: every mutation goes through a route handler above. The matrix
 * test fails when a 'use server' file appears without an entry here.
 */
export const SERVER_ACTION_MATRIX: Record<string, Record<string, RouteAccess>> = {};

/** Whether a route's access depends on the session cookie (and so needs the CSRF check when it mutates). */
export function usesSessionCookie(access: RouteAccess): boolean {
  if ('public' in access) return access.public === 'login' || access.cookie === 'on-behalf';
  return true;
}
