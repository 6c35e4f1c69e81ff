import { IsBooleanString, IsOptional } from 'class-validator';
import { PageQuery } from '../common/pagination';

export class ListNotificationsQuery extends PageQuery {
  /** `true`: only those not read yet. */
  @IsOptional() @IsBooleanString() unread?: string;
}
