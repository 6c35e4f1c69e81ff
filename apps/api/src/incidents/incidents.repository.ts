import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IncidentEntity, inScope } from '../../../../libs/persistence/src';
import { type Page, type PageQuery, paginate } from '../common/pagination';

/** The SQL of the incident table. */
@Injectable()
export class IncidentsRepository {
  constructor(private readonly db: DataSource) {}

  /** The one visible-rows query: incidents of cases the user sees. */
  private visible(userId: string) {
    return this.db
      .getRepository(IncidentEntity)
      .createQueryBuilder('x')
      .where(inScope('x.org_path'), { scopeUserId: userId });
  }

  /** Visible incidents in `state`, newest first, optionally of one case. */
  list(
    userId: string,
    filter: { state: 'open' | 'resolved'; instanceId?: string },
    page: PageQuery,
  ): Promise<Page<IncidentEntity>> {
    const qb = this.visible(userId).andWhere('x.state = :state', { state: filter.state });
    if (filter.instanceId) qb.andWhere('x.instance_id = :instanceId', { instanceId: filter.instanceId });
    return paginate(qb, 'x.created_at', 'x.id', page, (x) => x.createdAt);
  }

  findVisible(userId: string, id: string): Promise<IncidentEntity | null> {
    return this.visible(userId).andWhere('x.id = :id', { id }).getOne();
  }
}
