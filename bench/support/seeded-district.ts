import { login } from '../../test/support/api-client';
import { seedTestAdmin } from '../../test/support/test-admin';
import { deployShipped } from '../pathway-throughput';
import { type ApiOnly, startApiOnly } from './api-only';
import { type SeedCounts, seedListScale } from './list-scale-seed';

/** The bench users of a seeded district: its supervisor and its first school's psychology teacher. */
export const DISTRICT_SUPERVISOR = {
  username: 'bench-supervisor',
  password: 'bench-supervisor-passphrase-1',
};
export const FIRST_PSYCH_TEACHER = { username: 'bench-psych-s01', password: 'bench-psych-passphrase-s01' };

export interface SeededDistrict {
  stack: ApiOnly;
  seeded: SeedCounts;
  /** `process_definition.id` of the deployed `crisis-care`. */
  crisisCare: string;
}

/**
 * The api alone on a migrated database (no Temporal), the shipped `crisis-care` and
 * `concern-intake` deployed through it, then a district of `schools` schools and `cases` cases
 * seeded in SQL (list-scale-seed.ts). The api is closed again when seeding fails.
 */
export async function startSeededDistrict(
  database: { ownerUrl: string; appUrl: string },
  size: { cases: number; schools: number },
): Promise<SeededDistrict> {
  await seedTestAdmin(database.ownerUrl);
  const stack = await startApiOnly(database.appUrl);
  try {
    const adminToken = await login(stack.baseUrl, 'admin', stack.adminPassword);
    const deployed = await deployShipped(stack, adminToken, ['crisis-care', 'concern-intake']);
    const crisisCare = deployed.get('crisis-care');
    const concernIntake = deployed.get('concern-intake');
    if (!crisisCare || !concernIntake) throw new Error('crisis-care and concern-intake must deploy');
    const seeded = await seedListScale(database.ownerUrl, {
      ...size,
      supervisor: DISTRICT_SUPERVISOR,
      psychTeacher: FIRST_PSYCH_TEACHER,
      definitions: { crisisCare, concernIntake },
    });
    return { stack, seeded, crisisCare };
  } catch (error) {
    await stack.close();
    throw error;
  }
}
