import { ApiProperty } from '@nestjs/swagger';
import { ORG_UNIT_KINDS, type OrgUnitKind } from '../../../../libs/persistence/src';
import { PageOf } from '../common/responses';

export class OrgUnitView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for the root' })
  parentId!: string | null;
  @ApiProperty({ enum: ORG_UNIT_KINDS, enumName: 'OrgUnitKind' }) kind!: OrgUnitKind;
  @ApiProperty() name!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ example: '/city/district-1/school-a' }) orgPath!: string;
}

export class OrgUnitViewPage extends PageOf(OrgUnitView) {}
