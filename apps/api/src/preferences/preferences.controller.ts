import { Body, Controller, Get, Headers, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { type CurrentUser, User } from '../auth/current-user';
import { requestLanguage } from '../common/language';
import { PREFERENCE_KEYS, PutPreferenceDto } from './preferences.dto';
import { PreferenceView } from './preferences.responses';
import { PreferencesService } from './preferences.service';

const KEY_PARAM = { name: 'key', enum: PREFERENCE_KEYS, example: 'inbox' } as const;

/** The caller's own saved views (docs/api.md, Saved views): nobody reads or writes another's. */
@ApiTags('me')
@ApiBearerAuth()
@Controller('me/preferences')
export class PreferencesController {
  constructor(private readonly preferences: PreferencesService) {}

  @Get(':key')
  @ApiParam(KEY_PARAM)
  @ApiOkResponse({ type: PreferenceView })
  @ApiOperation({ summary: 'The caller’s saved view under a key; value null when none is saved' })
  get(
    @User() user: CurrentUser,
    @Param('key') key: string,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<PreferenceView> {
    return this.preferences.get(
      user,
      key,
      requestLanguage({ headers: { 'accept-language': acceptLanguage } }),
    );
  }

  @Put(':key')
  @ApiParam(KEY_PARAM)
  @ApiOkResponse({ type: PreferenceView })
  @ApiOperation({
    summary: 'Saves the caller’s view under a key, replacing the one saved',
    description: `400 naming \`key\` for a key other than ${PREFERENCE_KEYS.join(', ')}, and \`value\` when it is not a JSON object or is larger than 8 KB. Audited.`,
  })
  put(
    @User() user: CurrentUser,
    @Param('key') key: string,
    @Body() body: PutPreferenceDto,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<PreferenceView> {
    return this.preferences.put(
      user,
      key,
      body.value,
      requestLanguage({ headers: { 'accept-language': acceptLanguage } }),
    );
  }
}
