import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type CurrentUser, User } from '../auth/current-user';
import { CreateUserDto, ListUsersQuery, ReplaceRolesDto, UpdateUserDto } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  create(@User() user: CurrentUser, @Body() body: CreateUserDto) {
    return this.users.create(user, body);
  }

  @Get()
  list(@User() user: CurrentUser, @Query() query: ListUsersQuery) {
    return this.users.list(user, query);
  }

  @Get(':id')
  get(@User() user: CurrentUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.users.get(user, id);
  }

  @Patch(':id')
  update(@User() user: CurrentUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateUserDto) {
    return this.users.update(user, id, body);
  }

  @Put(':id/roles')
  replaceRoles(
    @User() user: CurrentUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReplaceRolesDto,
  ) {
    return this.users.replaceRoles(user, id, body.roles);
  }
}
