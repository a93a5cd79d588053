// The text reader knows no tables: a Word table's rows come back from it as paragraphs "a | b". The
// document says which paragraphs were a table, so those runs of paragraphs become table blocks again.
import { blocksText } from '../../model/plain-text.js';
import type { Block, Publication } from '../../model/publication.js';
import { inlineText } from '../../render/layout.js';
import type { ReadTable } from './paragraphs.js';

function rowText(b: Block | undefined): string | null {
  return b && (b.type === 'paragraph' || b.type === 'heading') ? inlineText(b.content) : null;
}

/** Walks the publication's blocks in document order, each table matched once, in its order. */
class Restorer {
  private next = 0;
  /** Questions that share an answer share its blocks: they are restored once. */
  private readonly done = new Map<Block[], Block[]>();

  constructor(private readonly tables: readonly ReadTable[]) {}

  private matchAt(blocks: readonly Block[], at: number): ReadTable | null {
    for (let j = this.next; j < this.tables.length; j++) {
      const t = this.tables[j]!;
      if (t.texts.every((text, i) => rowText(blocks[at + i]) === text)) {
        this.next = j + 1;
        return t;
      }
    }
    return null;
  }

  blocks(blocks: Block[]): Block[] {
    const known = this.done.get(blocks);
    if (known) return known;
    const out: Block[] = [];
    for (let i = 0; i < blocks.length; i++) {
      const table = this.next < this.tables.length ? this.matchAt(blocks, i) : null;
      if (!table) {
        out.push(blocks[i]!);
        continue;
      }
      out.push({ type: 'table', header: table.header, rows: table.rows.map((r) => [...r]) });
      i += table.texts.length - 1;
    }
    const result = out.length === blocks.length && out.every((b, i) => b === blocks[i]) ? blocks : out;
    this.done.set(blocks, result);
    return result;
  }
}

/** The publication with its tables' rows as table blocks, and the plain texts made from them again. */
export function restoreTables(pub: Publication, tables: readonly ReadTable[]): Publication {
  if (tables.length === 0) return pub;
  const restorer = new Restorer(tables);
  const scopeBlocks = restorer.blocks(pub.request.scopeBlocks);
  return {
    ...pub,
    request: {
      ...pub.request,
      scopeBlocks,
      scope: scopeBlocks === pub.request.scopeBlocks ? pub.request.scope : blocksText(scopeBlocks) || null,
    },
    sections: pub.sections.map((s) => ({
      ...s,
      intro: restorer.blocks(s.intro),
      questions: s.questions.map((q) => {
        const questionBlocks = restorer.blocks(q.questionBlocks);
        const answerBlocks = restorer.blocks(q.answerBlocks);
        if (questionBlocks === q.questionBlocks && answerBlocks === q.answerBlocks) return q;
        return {
          ...q,
          questionBlocks,
          answerBlocks,
          question: blocksText(questionBlocks),
          answer: q.answer === null ? null : blocksText(answerBlocks),
        };
      }),
    })),
  };
}
