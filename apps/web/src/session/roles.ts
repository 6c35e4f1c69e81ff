import {
  CALENDAR_EDITOR_ROLES,
  DEPLOYER_ROLES,
  MONTHLY_REPORT_READER_ROLES,
  SUPERVISOR_ROLES,
} from '../../../../libs/domain/src';
import type { Me } from '../api/types';

// What the app shows each user, from the same role lists the api enforces (libs/domain/src/roles.ts).
// The api decides; the app only hides what it would refuse.

const has = (list: readonly string[], role: string) => list.includes(role);

/** Who draws and deploys diagrams and forms. */
export const isDeployerRole = (role: string) => has(DEPLOYER_ROLES, role);
export const canModel = (me: Me) => me.roles.some((grant) => isDeployerRole(grant.role));

/** Principals, district staff, psychology leads and admins: the supervisor console. */
export const isSupervisor = (me: Me) => me.roles.some((grant) => has(SUPERVISOR_ROLES, grant.role));

/** Psychology teachers, principals, district staff and admins: the monthly report (月报). */
export const canReadMonthlyReport = (me: Me) =>
  me.roles.some((grant) => has(MONTHLY_REPORT_READER_ROLES, grant.role));

export const canEditCalendars = (me: Me) => me.roles.some((grant) => has(CALENDAR_EDITOR_ROLES, grant.role));

/** True when `me` holds a supervising role at the case's org unit or at a unit above it. */
export function supervisesCase(me: Me, caseOrgPath: string | null): boolean {
  return me.roles.some(
    (grant) =>
      has(SUPERVISOR_ROLES, grant.role) &&
      // A case without an org path: let the api judge (it answers 403 when refused).
      (caseOrgPath === null || caseOrgPath === grant.orgPath || caseOrgPath.startsWith(`${grant.orgPath}/`)),
  );
}
