import { Command, Option } from 'commander';
import { ROLES } from '@almanac/policies';
import { openDatabase } from '../bootstrap/runtime.js';
import { loadConfig } from '../config/config.js';
import { createLogger } from '../modules/ops/logger.js';
import { CliError, cliContext, graphql } from './cli-context.js';
import { registerIngestCommands } from './ingest-connectors.command.js';
import { formatSummary, ingestFile } from './ingest-file.command.js';
import { registerPipelineCommands } from './pipeline.command.js';
import { registerSearchCommands } from './search.command.js';

const program = new Command('almanac')
  .description(
    'Almanac, the open data catalog. Commands talk to the API at ALMANAC_API_URL (default http://localhost:4000).',
  )
  .showHelpAfterError();

program
  .command('migrate')
  .description(
    'apply database migrations (DATABASE_URL, or the embedded database in ALMANAC_DATA_DIR)',
  )
  .action(async () => {
    const config = loadConfig();
    const { database, embedded } = await openDatabase(config, createLogger('warn'));
    try {
      const applied = await database.migrate();
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    } finally {
      await database.close();
      await embedded?.stop();
    }
  });

const token = program.command('token').description('API tokens');
token
  .command('create')
  .description('create a user with one role and print its token (shown once)')
  .addOption(new Option('--role <role>', 'role of the token').choices(ROLES).makeOptionMandatory())
  .requiredOption('--name <name>', 'name of the user or bot')
  .action(async (options: { role: string; name: string }) => {
    const data = await graphql<{
      createToken: { token: string; userName: string; roles: string[] };
    }>(
      cliContext(),
      'mutation($name: String!, $role: String!) { createToken(name: $name, role: $role) { token userName roles } }',
      options,
    );
    console.log(`token for ${data.createToken.userName} (${data.createToken.roles.join(', ')}):`);
    console.log(data.createToken.token);
  });

program
  .command('ingest-file')
  .description('stream an NDJSON file of metadata records into the catalog')
  .argument('<file>', 'NDJSON file, one record per line')
  .option('--full', 'full run: afterwards soft-delete what --source owns and did not report')
  .option('--source <name>', 'name of the source the records come from')
  .action(async (file: string, options: { full?: boolean; source?: string }) => {
    const summary = await ingestFile(cliContext(), file, options);
    console.log(formatSummary(summary));
    if (summary.rejected > 0) process.exitCode = 2;
  });

registerIngestCommands(program);
registerPipelineCommands(program);
registerSearchCommands(program);

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof CliError ? `almanac: ${error.message}` : error);
  process.exitCode = 1;
});
