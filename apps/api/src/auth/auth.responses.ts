import { ApiProperty } from '@nestjs/swagger';
import { RoleGrantView } from '../common/responses';

/** The signed-in caller with every grant they hold. */
export class MeView {
  @ApiProperty({ format: 'uuid', example: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9' }) id!: string;
  @ApiProperty({ example: 'li.teacher' }) username!: string;
  @ApiProperty({ example: '李老师' }) displayName!: string;
  @ApiProperty({ type: [RoleGrantView] }) roles!: RoleGrantView[];
}

export class LoginResult {
  /** A JWT for `Authorization: Bearer`. */
  @ApiProperty({
    description: 'A JWT for `Authorization: Bearer …`',
    example: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI1ZTZmN2E4YiJ9.c2lnbmF0dXJl',
  })
  accessToken!: string;
  @ApiProperty({ type: MeView }) user!: MeView;
}
