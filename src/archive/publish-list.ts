// Sending an answer letter publishes it: the list's questions and approved answers become a Kamerstuk in
// the official layout (src/workflow/publication.ts), stored through the text reader like any imported
// text, so what is published is exactly what reads back, and searchable at once by everyone.
import { kamerstukRef, normaliseDossier, parseOfficialId } from '../model/ids.js';
import { renderText } from '../render/text.js';
import type { Store } from '../store/store.js';
import type { ListRow, QuestionRow } from '../store/workflow.js';
import { answerPublication } from '../workflow/publication.js';
import type { Publisher } from '../workflow/service.js';
import { type ImportContext, importText } from './import.js';

/** The parliamentary session a date falls in (a session starts on the third Tuesday of September; September is near enough). */
export function sessionOf(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month >= 9 ? `${year}-${year + 1}` : `${year - 1}-${year}`;
}

/** The dossier the answers belong to: that of the first Kamerstuk asked about. */
function dossierOf(list: ListRow): string | null {
  for (const id of list.documents) {
    const parsed = parseOfficialId(id);
    if (parsed?.type === 'kamerstuk') return normaliseDossier(parsed.dossier) ?? parsed.dossier;
  }
  return null;
}

/** The next free number in the dossier: one past the highest the archive holds. */
async function nextNumber(store: Store, dossier: string): Promise<string> {
  const prefix = kamerstukRef(dossier, '0')?.id.replace(/-0$/, '-') ?? '';
  let highest = 0;
  for (const id of await store.idsWithPrefix(prefix)) {
    const n = Number(id.slice(prefix.length));
    if (Number.isInteger(n) && n > highest) highest = n;
  }
  return String(highest + 1);
}

export function listPublisher(ctx: ImportContext): Publisher {
  return async (list: ListRow, questions: readonly QuestionRow[]) => {
    const dossier = dossierOf(list);
    if (!dossier) {
      throw new Error(`question list ${list.id} names no Kamerstuk asked about: its answers have no dossier`);
    }
    const names = new Map(ctx.store.accounts.organisations().map((o) => [o.id, o.name]));
    const letterDate = list.letterDate ?? new Date().toISOString().slice(0, 10);
    const publication = answerPublication({
      list,
      questions: [...questions],
      committee: names.get(list.committeeId ?? -1) ?? '',
      ministry: names.get(list.ministryId ?? -1) ?? '',
      dossier,
      number: await nextNumber(ctx.store, dossier),
      session: sessionOf(letterDate),
      letterDate,
      fixedDate: new Date().toISOString().slice(0, 10),
    });
    const imported = await importText(ctx, renderText(publication), `${publication.id}.txt`);
    return imported.id;
  };
}
