import { ForbiddenException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  CALENDAR_EDITOR_ROLES,
  type CalendarDefinition,
  calendarProblem,
  calendarProblemsSummary,
  checkCalendarDefinition,
  DEFAULT_CALENDAR_TIMEZONE,
} from '../../../../libs/domain/src';
import { NATIONAL_DAYS_LAST_YEAR } from '../../../../libs/domain/src/case-calendar';
import {
  caseCalendarOf,
  deleteOwnCalendar,
  nearestOwnCalendar,
  type OrgUnitEntity,
  saveOwnCalendar,
  type StoredCalendar,
} from '../../../../libs/persistence/src';
import { AccessLog } from '../access-log/access-log.service';
import type { CurrentUser } from '../auth/current-user';
import type { RequestLanguage } from '../common/language';
import { ProblemException } from '../common/problem.filter';
import { OrgUnitsRepository } from '../org-units/org-units.repository';
import { OrgUnitsService } from '../org-units/org-units.service';
import { TemporalClientService } from '../temporal/temporal-client.service';
import { CalendarRefresh, type RefreshOutcome } from './calendar-refresh.service';
import type { EffectiveCalendarView, StoredCalendarView } from './calendars.responses';

/**
 * School calendars of org units (docs/calendars.md#editing-a-calendar). Anyone who sees a unit
 * reads its effective calendar; principals and district staff (CALENDAR_EDITOR_ROLES) at or
 * above it set or remove its own, and the running cases that compute with it receive the change.
 */
@Injectable()
export class CalendarsService {
  constructor(
    private readonly db: DataSource,
    private readonly units: OrgUnitsRepository,
    private readonly orgUnits: OrgUnitsService,
    private readonly accessLog: AccessLog,
    private readonly temporal: TemporalClientService,
    private readonly refresher: CalendarRefresh,
  ) {}

  /** GET /api/org-units/:id/calendar: 404 for a unit the caller does not see. */
  async effective(user: CurrentUser, unitId: string): Promise<EffectiveCalendarView> {
    const unit = await this.orgUnits.findVisible(user, unitId);
    return this.view(unit, await nearestOwnCalendar(this.db, unit.orgPath), await this.mayEdit(user, unit));
  }

  /** PUT /api/org-units/:id/calendar. */
  async store(
    user: CurrentUser,
    unitId: string,
    body: unknown,
    language: RequestLanguage,
  ): Promise<StoredCalendarView> {
    const unit = await this.editable(user, unitId);
    const checked = checkCalendarDefinition(body, language);
    if (!checked.ok) {
      throw new ProblemException(400, calendarProblemsSummary(checked.problems, language), checked.problems);
    }
    // What the school-day arithmetic would refuse, should it ever ask more than the checker.
    const unusable = calendarProblem(checked.definition);
    if (unusable) throw new ProblemException(400, unusable, [{ path: '', message: unusable }]);
    const refresh = await this.change(user, unit, 'calendar.set', (before) =>
      saveOwnCalendar(this.db, unit.id, checked.definition, user.id).then(() => ({
        terms: checked.definition.terms.length,
        holidays: checked.definition.holidays.length,
        workdays: checked.definition.workdays.length,
        timezone: checked.definition.timezone,
        replaced: before?.unitId === unit.id,
      })),
    );
    const stored = await nearestOwnCalendar(this.db, unit.orgPath);
    return { ...this.view(unit, stored, true), refresh };
  }

  /** DELETE /api/org-units/:id/calendar: back to inheriting (204 also when it had none). */
  async remove(user: CurrentUser, unitId: string): Promise<void> {
    const unit = await this.editable(user, unitId);
    await this.change(user, unit, 'calendar.delete', async () => ({
      hadOwn: await deleteOwnCalendar(this.db, unit.id),
    }));
  }

  /**
   * Applies a change, audits it (who, when, which unit, what) and sends the unit's new
   * effective calendar to the cases that compute with it, when it differs from before.
   */
  private async change(
    user: CurrentUser,
    unit: OrgUnitEntity,
    action: 'calendar.set' | 'calendar.delete',
    apply: (before: StoredCalendar | null) => Promise<Record<string, unknown>>,
  ): Promise<RefreshOutcome> {
    // 503 before anything is stored: a change the running cases cannot receive is not made.
    void this.temporal.client;
    const before = await nearestOwnCalendar(this.db, unit.orgPath);
    const detail = await apply(before);
    const refresh = await this.refresher.refresh(unit.orgPath, caseCalendarOf(before).version);
    await this.accessLog.record(user.id, action, 'orgUnit', unit.id, {
      orgPath: unit.orgPath,
      ...detail,
      casesRefreshed: refresh.cases,
    });
    return refresh;
  }

  /** A unit the caller sees (else 404) and may edit the calendar of (else 403). */
  private async editable(user: CurrentUser, unitId: string): Promise<OrgUnitEntity> {
    const unit = await this.orgUnits.findVisible(user, unitId);
    if (!(await this.mayEdit(user, unit))) {
      throw new ForbiddenException(
        `Changing the calendar of ${unit.name} needs the principal, districtSupervisor, psychLead or admin role at it or above it`,
      );
    }
    return unit;
  }

  private mayEdit(user: CurrentUser, unit: OrgUnitEntity): Promise<boolean> {
    return this.units.inScopeOf(user.id, unit.id, CALENDAR_EDITOR_ROLES);
  }

  private view(unit: OrgUnitEntity, stored: StoredCalendar | null, mayEdit: boolean): EffectiveCalendarView {
    const calendar = caseCalendarOf(stored);
    const national = caseCalendarOf(null);
    const definition: CalendarDefinition = stored?.definition ?? {
      timezone: DEFAULT_CALENDAR_TIMEZONE,
      terms: [],
      holidays: [],
      workdays: [],
    };
    return {
      orgUnitId: unit.id,
      source: !stored ? 'national' : stored.unitId === unit.id ? 'own' : 'inherited',
      sourceUnitId: stored?.unitId ?? null,
      sourceUnitName: stored?.unitName ?? null,
      timezone: definition.timezone,
      terms: definition.terms,
      holidays: definition.holidays,
      workdays: definition.workdays,
      nationalHolidays: national.holidays,
      nationalWorkdays: national.workdays,
      nationalDaysLastYear: NATIONAL_DAYS_LAST_YEAR,
      version: calendar.version,
      updatedAt: stored ? stored.updatedAt.toISOString() : null,
      updatedBy: stored?.updatedByName ?? null,
      mayEdit,
    };
  }
}
