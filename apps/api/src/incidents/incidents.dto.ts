import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsUUID } from 'class-validator';
import { BulkIds } from '../common/bulk';
import { PageQuery } from '../common/pagination';
import { ANY_OBJECT } from '../common/responses';

export class ListIncidentsQuery extends PageQuery {
  /** Open incidents unless asked otherwise. */
  @IsOptional() @IsIn(['open', 'resolved']) state?: 'open' | 'resolved';
  @IsOptional() @IsUUID() instanceId?: string;
}

export class RetryIncidentDto {
  /** Set on the incident's scope before the retry: how a supervisor fixes a bad value. */
  @ApiPropertyOptional({ ...ANY_OBJECT, example: { guardianPhone: '13812345678' } })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;
}

export class BulkRetryIncidentsDto {
  @BulkIds('The incidents to retry, each as POST /api/incidents/{id}/retry would') ids!: string[];
  /** Set on each incident's scope before its retry. */
  @ApiPropertyOptional({ ...ANY_OBJECT, example: { guardianPhone: '13812345678' } })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;
}
