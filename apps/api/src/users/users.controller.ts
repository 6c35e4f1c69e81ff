import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CurrentUser, User } from '../auth/current-user';
import { CreateUserDto, ListUsersQuery, ReplaceRolesDto, UpdateUserDto } from './users.dto';
import { UsersService } from './users.service';
import { UserView, UserViewPage } from './users.responses';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiCreatedResponse({ type: UserView })
  @ApiOperation({
    summary: 'Create a user',
    description:
      'Admins only. Every grant must lie at or below a unit where the caller holds admin (403 naming roles.N.orgUnitId otherwise); a repeated grant is 400.',
  })
  create(@User() user: CurrentUser, @Body() body: CreateUserDto): Promise<UserView> {
    return this.users.create(user, body);
  }

  @Get()
  @ApiOkResponse({ type: UserViewPage })
  @ApiOperation({ summary: 'Users holding a role within the caller’s scope (the picker for assigning)' })
  list(@User() user: CurrentUser, @Query() query: ListUsersQuery): Promise<UserViewPage> {
    return this.users.list(user, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserView })
  get(@User() user: CurrentUser, @Param('id', ParseUUIDPipe) id: string): Promise<UserView> {
    return this.users.get(user, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserView })
  @ApiOperation({
    summary: 'Rename, disable or re-enable a user',
    description: 'Admins, for users whose every grant lies within their reach; never oneself. Audited.',
  })
  update(
    @User() user: CurrentUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserView> {
    return this.users.update(user, id, body);
  }

  @Put(':id/roles')
  @ApiOkResponse({ type: UserView })
  @ApiOperation({
    summary: 'Replace a user’s role grants',
    description:
      'Same reach rules as creating; what the user sees follows at once (tasks included). Audited with before and after.',
  })
  replaceRoles(
    @User() user: CurrentUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReplaceRolesDto,
  ): Promise<UserView> {
    return this.users.replaceRoles(user, id, body.roles);
  }
}
