import type { Me } from '../api/types';

/**
 * Roles that may retry a case's incidents, as the api's SUPERVISOR_ROLES (libs/domain/src/roles.ts).
 * The api decides; the app only hides an action it would refuse.
 */
export const SUPERVISING_ROLES: readonly string[] = ['admin', 'districtSupervisor', 'principal', 'psychLead'];

/** True when `me` holds a supervising role at the case's org unit or at a unit above it. */
export function supervisesCase(me: Me, caseOrgPath: string | null): boolean {
  return me.roles.some(
    (grant) =>
      SUPERVISING_ROLES.includes(grant.role) &&
      // A case without an org path: let the api judge (it answers 403 when refused).
      (caseOrgPath === null || caseOrgPath === grant.orgPath || caseOrgPath.startsWith(`${grant.orgPath}/`)),
  );
}
