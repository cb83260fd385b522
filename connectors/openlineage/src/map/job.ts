import { buildFqn } from '@almanac/sdk';
import type { Job } from '../event-schema.js';
import { pipelineService } from '../naming.js';
import { live } from './datasets.js';
import { addTagLabels, ownersOf } from './governance.js';
import type { RecordSet } from './record-set.js';

/**
 * Registers a job as a pipeline with one task of the same name in the pipeline service of its
 * namespace. The `sql` facet is the task's SQL, `documentation` its description; `ownership` and
 * `tags` apply to the pipeline.
 */
export function addJob(set: RecordSet, job: Job, pipelineFqn: string): void {
  const service = pipelineService(job.namespace);
  const facets = job.facets ?? {};
  const sql = live(facets.sql)?.query;
  const description = live(facets.documentation)?.description;
  const jobType = live(facets.jobType);
  const owners = ownersOf(set, pipelineFqn, live(facets.ownership)?.owners);
  set.add({ kind: 'service', fqn: buildFqn([service.name]), serviceType: service.serviceType });
  set.add({
    kind: 'pipeline',
    fqn: pipelineFqn,
    tasks: [{ name: job.name, ...(sql ? { sql } : {}) }],
    ...(description ? { description } : {}),
    ...(owners.length > 0 ? { owners } : {}),
    attributes: {
      openlineageNamespace: job.namespace,
      openlineageName: job.name,
      ...(jobType
        ? {
            jobType: jobType.jobType ?? null,
            integration: jobType.integration,
            processingType: jobType.processingType,
          }
        : {}),
    },
  });
  addTagLabels(set, pipelineFqn, live(facets.tags)?.tags, () => null);
}
