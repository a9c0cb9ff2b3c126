import type { Db } from '../client';
import type { SeedContext } from './context';

export async function seedOffices(_db: Db, _ctx: SeedContext): Promise<void> {}
