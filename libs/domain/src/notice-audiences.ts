/**
 * Who a `notify` task may address besides role holders and named users (the `recipients` header
 * takes these beside role names; docs/service-handlers.md):
 * - `guardian`: the student's guardians, by SMS through the outbox (they are no users);
 * - `careGroup`: the members `assign-care-group` recorded for the case;
 * - `caseStarter`: the user who started the case.
 * Staff among them are notified only while they stay on the case's line.
 */
export const NOTICE_AUDIENCES = ['guardian', 'careGroup', 'caseStarter'] as const;
export type NoticeAudience = (typeof NOTICE_AUDIENCES)[number];

export function isNoticeAudience(value: string): value is NoticeAudience {
  return (NOTICE_AUDIENCES as readonly string[]).includes(value);
}

/** The audiences as people read them (the modeler's 「通知」 template). */
export const NOTICE_AUDIENCE_LABELS: Readonly<Record<NoticeAudience, { en: string; 'zh-CN': string }>> = {
  guardian: { en: 'Guardian (SMS)', 'zh-CN': '监护人（短信）' },
  careGroup: { en: 'Care group', 'zh-CN': '关爱小组' },
  caseStarter: { en: 'Who started the case', 'zh-CN': '个案发起人' },
};

/**
 * Roles `assign-care-group` gathers by default (R7, 关爱小组): the class teacher and the
 * psychology teacher must be found; a peer monitor is welcome but may be missing.
 */
export const CARE_GROUP_REQUIRED_ROLES = ['classTeacher', 'psychTeacher'] as const;
export const CARE_GROUP_OPTIONAL_ROLES = ['peerMonitor'] as const;
