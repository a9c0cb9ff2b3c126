import type { Db } from '../client';
import type { SeedContext } from './context';

export async function seedGeography(_db: Db, _ctx: SeedContext): Promise<void> {}
