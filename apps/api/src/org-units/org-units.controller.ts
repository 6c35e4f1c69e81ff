import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type CurrentUser, User } from '../auth/current-user';
import { CreateOrgUnitDto } from './org-units.dto';
import { OrgUnitsService } from './org-units.service';
import { OrgUnitView, OrgUnitViewPage } from './org-units.responses';

@ApiTags('org-units')
@ApiBearerAuth()
@Controller('org-units')
export class OrgUnitsController {
  constructor(private readonly orgUnits: OrgUnitsService) {}

  @Post()
  @ApiCreatedResponse({ type: OrgUnitView })
  create(@User() user: CurrentUser, @Body() body: CreateOrgUnitDto): Promise<OrgUnitView> {
    return this.orgUnits.create(user, body);
  }

  @Get()
  @ApiOkResponse({ type: OrgUnitViewPage })
  list(@User() user: CurrentUser): Promise<OrgUnitViewPage> {
    return this.orgUnits.list(user);
  }
}
