import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Put, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { type CurrentUser, User } from '../auth/current-user';
import { requestLanguage } from '../common/language';
import { CalendarsService } from './calendars.service';
import { CalendarDefinitionBody, EffectiveCalendarView, StoredCalendarView } from './calendars.responses';

const WHO_MAY_EDIT =
  'Needs principal, districtSupervisor, psychLead or admin at the unit or above it (403); 404 a unit the caller does not see.';

@ApiTags('calendars')
@ApiBearerAuth()
@Controller('org-units/:id/calendar')
export class CalendarsController {
  constructor(private readonly calendars: CalendarsService) {}

  @Get()
  @ApiOperation({
    summary: "A unit's effective school calendar and where it comes from",
    description:
      "The unit's own calendar, else the nearest one above it, else the national default (source). " +
      'Anyone who sees the unit; 404 otherwise.',
  })
  @ApiOkResponse({ type: EffectiveCalendarView })
  get(
    @User() user: CurrentUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<EffectiveCalendarView> {
    return this.calendars.effective(user, id);
  }

  /** The body is checked by libs/domain calendar-check.ts, not class-validator: its problems are worded per language. */
  @Put()
  @ApiOperation({
    summary: "Sets the unit's own school calendar; units below inherit it unless they have their own",
    description:
      `${WHO_MAY_EDIT} 400 names each wrong field (errors[].path such as terms.1.end or holidays.3, errors[].code), ` +
      'worded in the Accept-Language (zh-CN or en). Running cases that compute with this calendar receive it ' +
      '(refresh; docs/calendars.md#how-a-change-reaches-running-cases). Audited.',
  })
  @ApiBody({
    type: CalendarDefinitionBody,
    examples: {
      autumnTerm: {
        summary: 'An autumn term with a sports day off and a make-up Saturday',
        value: {
          timezone: 'Asia/Shanghai',
          terms: [{ name: '2026 秋季学期', start: '2026-09-01', end: '2027-01-22' }],
          holidays: ['2026-11-20'],
          workdays: ['2026-11-28'],
        },
      },
      noTerms: {
        summary: 'No terms: every working day is a school day',
        value: { terms: [], holidays: [], workdays: [] },
      },
    },
  })
  @ApiOkResponse({ type: StoredCalendarView })
  put(
    @User() user: CurrentUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: unknown,
    @Req() request: Request,
  ): Promise<StoredCalendarView> {
    return this.calendars.store(user, id, body, requestLanguage(request));
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({
    summary: "Removes the unit's own calendar: it inherits again",
    description: `${WHO_MAY_EDIT} Running cases receive the inherited calendar. Audited.`,
  })
  @ApiNoContentResponse({ description: 'Removed, or there was none: the unit inherits' })
  async remove(@User() user: CurrentUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.calendars.remove(user, id);
  }
}
