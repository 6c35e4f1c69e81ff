import { IsBooleanString, IsIn, IsObject, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../common/pagination';

export class ListTasksQuery extends PageQuery {
  @IsOptional() @IsIn(['me']) assignee?: 'me';
  @IsOptional() @IsIn(['me']) candidate?: 'me';
  @IsOptional() @IsIn(['open', 'completed', 'cancelled']) state?: 'open' | 'completed' | 'cancelled';
  @IsOptional() @IsBooleanString() overdue?: string;
  @IsOptional() @IsUUID() instanceId?: string;
}

export class CompleteTaskDto {
  @IsOptional() @IsObject() variables?: Record<string, unknown>;
}

export class AssignTaskDto {
  @IsUUID() userId!: string;
}
