import { ApiProperty } from '@nestjs/swagger';
import { ORG_UNIT_KINDS, type OrgUnitKind } from '../../../../libs/persistence/src';
import { PageOf } from '../common/responses';

export class OrgUnitView {
  @ApiProperty({ format: 'uuid', example: '7c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e' }) id!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null for the root',
    example: 'd4e5f6a7-b8c9-4d0e-8f1a-b2c3d4e5f6a7',
  })
  parentId!: string | null;
  @ApiProperty({ enum: ORG_UNIT_KINDS, enumName: 'OrgUnitKind' }) kind!: OrgUnitKind;
  @ApiProperty({ example: '初二(3)班' }) name!: string;
  @ApiProperty({ example: 'c3' }) code!: string;
  @ApiProperty({ example: '/city/district-1/school-a' }) orgPath!: string;
}

export class OrgUnitViewPage extends PageOf(OrgUnitView) {}
