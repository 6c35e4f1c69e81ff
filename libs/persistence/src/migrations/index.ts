import { InitialSchema1763800000000 } from './1763800000000-initial-schema';

/** Every migration, in order. The schema changes only through these (never `synchronize`). */
export const MIGRATIONS = [InitialSchema1763800000000];
