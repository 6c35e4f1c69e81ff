import { Injectable, NotFoundException } from '@nestjs/common';
import type { CurrentUser } from '../auth/current-user';
import { DefinitionStatisticsRepository } from './definition-statistics.repository';
import { DefinitionsRepository } from './definitions.repository';
import type { DefinitionStatistics } from './definitions.responses';

/**
 * The diagram's overlays and heatmap (docs/api.md, Statistics of a diagram): per element, over
 * the cases of one definition version that the caller sees. Any signed-in user may ask, as for
 * the definition itself; someone who sees no case gets no element.
 */
@Injectable()
export class DefinitionStatisticsService {
  constructor(
    private readonly definitions: DefinitionsRepository,
    private readonly statistics: DefinitionStatisticsRepository,
  ) {}

  async of(user: CurrentUser, definitionId: string): Promise<DefinitionStatistics> {
    if (!(await this.definitions.findById(definitionId))) {
      throw new NotFoundException(`Definition ${definitionId} not found`);
    }
    return { items: await this.statistics.of(user.id, definitionId) };
  }
}
