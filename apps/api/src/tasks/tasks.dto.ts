import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import {
  IsBooleanString,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
} from 'class-validator';
import { FORMAT_QUERY } from '../common/csv';
import { BulkIds } from '../common/bulk';
import { PageQuery } from '../common/pagination';
import { ANY_OBJECT } from '../common/responses';

export class ListTasksQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: ['me', 'none'],
    description: '`me`: tasks I hold; `none`: tasks no one holds (with `candidate=me`: the ones I may claim)',
  })
  @IsOptional()
  @IsIn(['me', 'none'])
  assignee?: 'me' | 'none';
  @IsOptional() @IsIn(['me']) candidate?: 'me';
  @IsOptional() @IsIn(['open', 'completed', 'cancelled']) state?: 'open' | 'completed' | 'cancelled';
  @IsOptional() @IsBooleanString() overdue?: string;
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description:
      "Open tasks due today, by the date in the timezone of the case's calendar (Asia/Shanghai without one), as the inbox's count",
  })
  @IsOptional()
  @IsBooleanString()
  dueToday?: string;
  @IsOptional() @IsUUID() instanceId?: string;
  @ApiPropertyOptional({
    enum: ['dueAt', 'priority', 'createdAt'],
    description:
      '`dueAt`: earliest first, tasks without a due date last; `priority`: highest first; `createdAt` (the default): newest first',
  })
  @IsOptional()
  @IsIn(['dueAt', 'priority', 'createdAt'])
  sort?: 'dueAt' | 'priority' | 'createdAt';
  @ApiPropertyOptional({
    maxLength: 100,
    example: 'psychTeacher',
    description: 'Tasks offered to this candidate group',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  candidateGroup?: string;
  @ApiPropertyOptional({
    maxLength: 100,
    example: '20240117',
    description:
      "The task's name (contains, case-insensitive), or, on tasks of cases the caller sees, the student's number (prefix, case-insensitive) or the student's exact full name; empty: no search",
  })
  @IsOptional()
  @IsString()
  @Length(0, 100)
  q?: string;
  @ApiPropertyOptional({
    maxLength: 200,
    example: 'crisis-care',
    description: 'Tasks of cases of this process',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  definitionKey?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    example: '0b7e9c52-3d1f-4a8e-9f60-2c5d8a41e7b3',
    description: "Tasks of this student's cases, among the cases the caller sees",
  })
  @IsOptional()
  @IsUUID()
  studentId?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    example: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9',
    description: 'Tasks held by this user (the supervisor console’s assignee filter)',
  })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;
  @ApiPropertyOptional(FORMAT_QUERY) @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}

/** The list's case filters: the tab counts narrowed as the inbox's list is (docs/api.md). */
export class TaskCountsQuery extends PickType(ListTasksQuery, [
  'instanceId',
  'candidateGroup',
  'definitionKey',
  'studentId',
  'q',
] as const) {}

export class CompleteTaskDto {
  @ApiPropertyOptional({ ...ANY_OBJECT, example: { riskLevel: 'high', note: '已与家长电话沟通' } })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;
}

export class BulkAssignTasksDto {
  @BulkIds('The tasks to assign, each as POST /api/tasks/{id}/assign would') taskIds!: string[];
  @ApiProperty({ format: 'uuid', example: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9' }) @IsUUID() userId!: string;
}

export class AssignTaskDto {
  @ApiProperty({ format: 'uuid', example: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9' }) @IsUUID() userId!: string;
}
