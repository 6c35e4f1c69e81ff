import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CurrentUser, User } from '../auth/current-user';
import { AuditVerificationService } from './audit-verification.service';
import { ChainVerificationView } from './audit-verification.responses';

@ApiTags('instances')
@ApiBearerAuth()
@Controller('instances')
export class AuditVerificationController {
  constructor(private readonly verification: AuditVerificationService) {}

  @Get(':id/history/verify')
  @ApiOkResponse({ type: ChainVerificationView })
  @ApiOperation({
    summary: "Verifies the case's audit chain",
    description:
      'Supervisors of the case. Every link of the hash chain, and that the chain ends at the entry ' +
      'its signed head names (HMAC with a key the database does not hold). Answers ' +
      '`{instanceId, valid, entries, head: {seq, hash} | null, problems: [{kind, seq, message}]}`; ' +
      'kinds: broken-link, unsigned, unknown-key, bad-signature, head-mismatch.',
  })
  verify(@User() user: CurrentUser, @Param('id', ParseUUIDPipe) id: string): Promise<ChainVerificationView> {
    return this.verification.verify(user, id);
  }
}
