import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBooleanString, IsIn, IsObject, IsOptional, IsUUID } from 'class-validator';
import { BulkIds } from '../common/bulk';
import { PageQuery } from '../common/pagination';
import { ANY_OBJECT } from '../common/responses';

export class ListTasksQuery extends PageQuery {
  @IsOptional() @IsIn(['me']) assignee?: 'me';
  @IsOptional() @IsIn(['me']) candidate?: 'me';
  @IsOptional() @IsIn(['open', 'completed', 'cancelled']) state?: 'open' | 'completed' | 'cancelled';
  @IsOptional() @IsBooleanString() overdue?: string;
  @IsOptional() @IsUUID() instanceId?: string;
}

export class CompleteTaskDto {
  @ApiPropertyOptional(ANY_OBJECT) @IsOptional() @IsObject() variables?: Record<string, unknown>;
}

export class BulkAssignTasksDto {
  @BulkIds('The tasks to assign, each as POST /api/tasks/{id}/assign would') taskIds!: string[];
  @ApiProperty({ format: 'uuid' }) @IsUUID() userId!: string;
}

export class AssignTaskDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() userId!: string;
}
