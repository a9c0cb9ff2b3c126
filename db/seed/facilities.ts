import type { Db } from '../client';
import type { SeedContext } from './context';

export async function seedFacilities(_db: Db, _ctx: SeedContext): Promise<void> {}
