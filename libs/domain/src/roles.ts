/** Staff roles, held at an org unit and applying to everything below it (docs/api.md). */
export const ROLES = [
  'admin',
  'psychLead',
  'districtSupervisor',
  'principal',
  'psychTeacher',
  'gradeLeader',
  'classTeacher',
  'peerMonitor',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * Roles that see every case in the subtree where they hold them. A peer monitor is a student:
 * they see only the tasks offered or assigned to them, never the case files.
 */
export const CASE_VIEWER_ROLES: readonly Role[] = ROLES.filter((role) => role !== 'peerMonitor');

/** Roles that may reassign tasks of cases under their node. */
export const SUPERVISOR_ROLES: readonly Role[] = ['admin', 'districtSupervisor', 'principal', 'psychLead'];

/** Roles that may deploy process definitions. */
export const DEPLOYER_ROLES: readonly Role[] = ['admin', 'psychLead'];

/** Roles that may create org units and students below their node. */
export const ORG_ADMIN_ROLES: readonly Role[] = ['admin', 'districtSupervisor'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
