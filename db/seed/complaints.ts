import type { Db } from '../client';
import type { SeedContext } from './context';

export async function seedComplaints(_db: Db, _ctx: SeedContext): Promise<void> {}
