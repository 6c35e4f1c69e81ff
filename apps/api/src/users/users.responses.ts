import { ApiProperty } from '@nestjs/swagger';
import { PageOf, RoleGrantView } from '../common/responses';

/** An account with the grants the caller may see (those within the caller's scope). */
export class UserView {
  @ApiProperty({ format: 'uuid', example: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9' }) id!: string;
  @ApiProperty({ example: 'li.teacher' }) username!: string;
  @ApiProperty({ example: '李老师' }) displayName!: string;
  @ApiProperty({ example: false }) disabled!: boolean;
  @ApiProperty({ type: [RoleGrantView] }) roles!: RoleGrantView[];
}

export class UserViewPage extends PageOf(UserView) {}
