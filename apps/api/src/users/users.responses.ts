import { ApiProperty } from '@nestjs/swagger';
import { PageOf, RoleGrantView } from '../common/responses';

/** An account with the grants the caller may see (those within the caller's scope). */
export class UserView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() disabled!: boolean;
  @ApiProperty({ type: [RoleGrantView] }) roles!: RoleGrantView[];
}

export class UserViewPage extends PageOf(UserView) {}
