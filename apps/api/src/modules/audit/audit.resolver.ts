import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { DomainError } from '../../common/domain-error.js';
import { Requires } from '../auth/requires.decorator.js';
import { toAuditEntry } from '../catalog/catalog.mappers.js';
import { AuditEntry } from '../catalog/models/audit-entry.model.js';
import { AuditRepository } from './audit.repository.js';

@Resolver()
export class AuditResolver {
  constructor(private readonly audit: AuditRepository) {}

  @Query(() => [AuditEntry], {
    description: 'Audit trail, newest first, optionally for one target.',
  })
  @Requires('audit.read')
  async auditLog(
    @Args('target', { nullable: true, type: () => String }) target: string | null,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
  ) {
    if (first < 1 || first > 1000)
      throw new DomainError('BAD_INPUT', `first must be between 1 and 1000, got ${first}`);
    return (await this.audit.list(target, first)).map(toAuditEntry);
  }
}
