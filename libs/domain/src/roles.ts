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

/**
 * Roles that may place and release a legal hold on a case at or below where they hold them
 * (docs/security.md#legal-hold): the school's head, district staff and admins.
 */
export const LEGAL_HOLD_ROLES: readonly Role[] = ['admin', 'districtSupervisor', 'principal'];

/**
 * Roles that may ask for emergency access (break-glass) to a case outside their scope
 * (docs/security.md#break-glass), held at any unit.
 */
export const BREAK_GLASS_ROLES: readonly Role[] = ['districtSupervisor', 'principal'];

/** Roles that may deploy process definitions. */
export const DEPLOYER_ROLES: readonly Role[] = ['admin', 'psychLead'];

/**
 * Who reads the monthly report (docs/api.md#monthly-report): the school's psychology teacher
 * and principal, and the district's supervisor and psychology lead (R9), and admins. Class and
 * grade staff and peer monitors have no part in it. The web app offers the page to the same roles.
 */
export const MONTHLY_REPORT_READER_ROLES: readonly Role[] = [
  'admin',
  'psychLead',
  'districtSupervisor',
  'principal',
  'psychTeacher',
];

/** Roles that may create org units and students below their node. */
export const ORG_ADMIN_ROLES: readonly Role[] = ['admin', 'districtSupervisor'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Roles a diagram may hand work to (candidate groups, notify recipients): every staff role but
 * admin, which administers the system and is not part of a care pathway.
 */
export const ASSIGNABLE_ROLES: readonly Role[] = ROLES.filter((role) => role !== 'admin');

/**
 * Role names as people read them, for lists the server words (the modeler's element templates).
 * The web app's catalogue (apps/web/src/i18n) says the same for its own screens.
 */
export const ROLE_LABELS: Readonly<Record<Role, { en: string; 'zh-CN': string }>> = {
  admin: { en: 'Administrator', 'zh-CN': '管理员' },
  psychLead: { en: 'Psychology lead', 'zh-CN': '心理负责人' },
  districtSupervisor: { en: 'District supervisor', 'zh-CN': '督导' },
  principal: { en: 'Principal', 'zh-CN': '校长' },
  psychTeacher: { en: 'Psychology teacher', 'zh-CN': '心理教师' },
  gradeLeader: { en: 'Grade leader', 'zh-CN': '年级组长' },
  classTeacher: { en: 'Class teacher', 'zh-CN': '班主任' },
  peerMonitor: { en: 'Peer psychology monitor', 'zh-CN': '心理委员' },
};

/**
 * Roles that may set or remove the school calendar of the unit where they hold them and of
 * every unit below it (docs/calendars.md#editing-a-calendar): a principal for their school,
 * district staff for their district.
 */
export const CALENDAR_EDITOR_ROLES: readonly Role[] = [
  'admin',
  'psychLead',
  'districtSupervisor',
  'principal',
];
