// Sending an answer letter publishes it: the list's questions and approved answers become a Kamerstuk in
// the official layout (src/workflow/publication.ts), stored through the text reader like any imported
// text, so what is published is exactly what reads back, and searchable at once by everyone.
import { kamerstukRef, normaliseDossier, parseOfficialId } from '../model/ids.js';
import type { Publication } from '../model/publication.js';
import { renderText } from '../render/text.js';
import type { Store } from '../store/store.js';
import type { ListRow, QuestionRow } from '../store/workflow.js';
import { today } from '../workflow/deadlines.js';
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
  return nextAfter(store, kamerstukRef(dossier, '0')?.id.replace(/-0$/, '-') ?? '');
}

/** One past the highest number after `prefix` the archive holds ('ah-tk-20262027-' → '1029'). */
async function nextAfter(store: Store, prefix: string): Promise<string> {
  let highest = 0;
  for (const id of await store.idsWithPrefix(prefix)) {
    const n = Number(id.slice(prefix.length));
    if (Number.isInteger(n) && n > highest) highest = n;
  }
  return String(highest + 1);
}

/** A list's letter cannot be made (yet): the API answers 409 with this message. */
export class LetterError extends Error {
  override readonly name = 'LetterError';
}

/**
 * The publication the list's letter makes: its approved answers in the official layout, numbered next in
 * the dossier of the first Kamerstuk asked about (a preview until it is sent).
 */
export async function letterPublication(
  store: Store,
  list: ListRow,
  questions: readonly QuestionRow[],
): Promise<Publication> {
  const names = new Map((await store.accounts.organisations()).map((o) => [o.id, o.name]));
  const letterDate = list.letterDate ?? today();
  if (list.kind === 'written-questions') {
    // Kamervragen are answered in the Aanhangsel van de Handelingen, numbered on through the session.
    const session = sessionOf(letterDate);
    try {
      return answerPublication({
        list,
        questions: [...questions],
        askers: list.askers,
        sentDate: list.submittedOn ?? letterDate,
        answeredBy: list.answeredBy ?? list.addressees[0] ?? '',
        ministry: names.get(list.ministryId ?? -1) ?? '',
        number: await nextAfter(store, `ah-tk-${session.replace('-', '')}-`),
        session,
        letterDate,
      });
    } catch (error) {
      throw new LetterError(error instanceof Error ? error.message : String(error));
    }
  }
  const dossier = dossierOf(list);
  if (!dossier) {
    throw new LetterError(
      `question list ${list.id} names no Kamerstuk asked about: its answers have no dossier`,
    );
  }
  try {
    return answerPublication({
      list,
      questions: [...questions],
      committee: names.get(list.committeeId ?? -1) ?? '',
      ministry: names.get(list.ministryId ?? -1) ?? '',
      dossier,
      number: await nextNumber(store, dossier),
      session: sessionOf(letterDate),
      letterDate,
      fixedDate: today(),
    });
  } catch (error) {
    // What the letter lacks (an answer, a committee's name) is said as it is.
    throw new LetterError(error instanceof Error ? error.message : String(error));
  }
}

export function listPublisher(ctx: ImportContext): Publisher {
  return async (list: ListRow, questions: readonly QuestionRow[]) => {
    const publication = await letterPublication(ctx.store, list, questions);
    const imported = await importText(ctx, renderText(publication), `${publication.id}.txt`);
    return imported.id;
  };
}
