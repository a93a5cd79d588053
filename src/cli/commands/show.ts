// `vraagbaak show ID`: render a stored publication.
import type { Command } from 'commander';
import { isRenderFormat, RENDER_FORMATS, render } from '../../render/index.js';
import { withArchive } from '../context.js';
import { UsageError } from '../output.js';

export function registerShow(program: Command): void {
  program
    .command('show')
    .description('Toont een publicatie uit het archief. / Show a stored publication.')
    .argument('<id>', 'official id, e.g. kst-36360-VI-12')
    .option('-f, --format <format>', `output format: ${RENDER_FORMATS.join(', ')}`, 'text')
    .option('--db <path>', 'database file')
    .action(async (id: string, options: { format: string; db?: string }) => {
      const format = options.format;
      if (!isRenderFormat(format))
        throw new UsageError(`unknown format '${format}' (choose ${RENDER_FORMATS.join(', ')})`);
      const pub = await withArchive(options.db, (ctx) => ctx.store.getPublication(id));
      if (!pub) throw new UsageError(`no publication '${id}' in the archive`);
      process.stdout.write(render(pub, format));
    });
}
