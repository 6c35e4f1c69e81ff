import { ApiProperty } from '@nestjs/swagger';
import { RoleGrantView } from '../common/responses';

/** The signed-in caller with every grant they hold. */
export class MeView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: [RoleGrantView] }) roles!: RoleGrantView[];
}

export class LoginResult {
  /** A JWT for `Authorization: Bearer`. */
  @ApiProperty({ description: 'A JWT for `Authorization: Bearer …`' }) accessToken!: string;
  @ApiProperty({ type: MeView }) user!: MeView;
}
