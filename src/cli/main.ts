// The `vraagbaak` command.
import { Command, CommanderError } from 'commander';
import { registerAudit } from './commands/audit.js';
import { registerDb } from './commands/db.js';
import { registerExport } from './commands/export.js';
import { registerImport } from './commands/import.js';
import { registerOrg } from './commands/org.js';
import { registerParse } from './commands/parse.js';
import { registerSearch } from './commands/search.js';
import { registerServe } from './commands/serve.js';
import { registerShow } from './commands/show.js';
import { registerToken } from './commands/token.js';
import { registerUser } from './commands/user.js';
import { fail, UsageError } from './output.js';

const program = new Command()
  .name('vraagbaak')
  .description(
    'Vraagbaak: schriftelijke vragen en antwoorden van het parlement lezen, bewaren en doorzoeken.\n' +
      'Read, store and search parliamentary written questions and answers.',
  )
  .version('0.1.0')
  .showHelpAfterError('(vraagbaak --help shows the commands)')
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

registerParse(program);
registerImport(program);
registerShow(program);
registerExport(program);
registerSearch(program);
registerDb(program);
registerAudit(program);
registerServe(program);
registerUser(program);
registerOrg(program);
registerToken(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version exit 0; every other commander error is a usage error.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof UsageError) {
    fail(error.message);
    process.exitCode = 2;
  } else {
    fail(`internal error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
