import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type CurrentUser, User } from '../auth/current-user';
import { CreateOrgUnitDto } from './org-units.dto';
import { OrgUnitsService } from './org-units.service';

@ApiTags('org-units')
@ApiBearerAuth()
@Controller('org-units')
export class OrgUnitsController {
  constructor(private readonly orgUnits: OrgUnitsService) {}

  @Post()
  create(@User() user: CurrentUser, @Body() body: CreateOrgUnitDto) {
    return this.orgUnits.create(user, body);
  }

  @Get()
  list(@User() user: CurrentUser) {
    return this.orgUnits.list(user);
  }
}
