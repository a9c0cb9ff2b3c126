import { open311Route } from '@/lib/open311/open311-dispatch.server';

/** Open311 GeoReport v2: services, services/{code}, requests (GET, POST), requests/{id}, discovery (lib/open311/). */
export const GET = open311Route('GET');
export const POST = open311Route('POST');
