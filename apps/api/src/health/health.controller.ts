import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/current-user';
import { TemporalClientService } from '../temporal/temporal-client.service';
import { HealthView } from './health.responses';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: DataSource,
    private readonly temporal: TemporalClientService,
  ) {}

  /** 200 when both components are up, 503 otherwise; the body says which one is down. */
  @Public()
  @Get()
  @ApiOkResponse({ type: HealthView })
  @ApiServiceUnavailableResponse({ type: HealthView, description: 'A component is down' })
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthView> {
    const [database, temporal] = await Promise.all([
      this.db.query('SELECT 1').then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      this.temporal.status(),
    ]);
    const status = database === 'up' && temporal === 'up' ? 'up' : 'degraded';
    response.status(status === 'up' ? 200 : 503);
    return { status, temporal, database };
  }
}
