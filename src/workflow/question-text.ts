// Questions from pasted text or a Word file's text: a clerk pastes the list as the members sent it. With
// numbers ("1.", "2)", "Vraag 3:") each number starts a question and the lines after it continue it; a
// short unnumbered line between them that is no sentence is a section heading. Without numbers, each
// paragraph (lines up to a blank line) is one question.

export interface PastedQuestion {
  text: string;
  section: string | null;
}

const NUMBERED = /^\s*(?:vraag\s+)?(\d{1,3})\s*[.):]\s+(\S.*)$/i;

/** A line that reads as a heading: short, no sentence end, not a list item. */
function isHeading(line: string): boolean {
  const t = line.trim();
  return t.length > 0 && t.length <= 120 && !/[.?!:;,]$/.test(t) && !NUMBERED.test(t);
}

const squeeze = (s: string): string => s.replace(/\s+/g, ' ').trim();

export function splitQuestions(text: string): PastedQuestion[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (!lines.some((l) => NUMBERED.test(l))) {
    return text
      .replace(/\r\n?/g, '\n')
      .split(/\n\s*\n/)
      .map(squeeze)
      .filter((p) => p.length > 0)
      .map((p) => ({ text: p, section: null }));
  }
  const out: PastedQuestion[] = [];
  let section: string | null = null;
  let current: PastedQuestion | null = null;
  let blankBefore = true;
  for (const line of lines) {
    const m = NUMBERED.exec(line);
    if (m) {
      current = { text: m[2]!.trim(), section };
      out.push(current);
    } else if (line.trim() === '') {
      blankBefore = true;
      continue;
    } else if (isHeading(line) && (blankBefore || current === null)) {
      section = squeeze(line);
      current = null;
    } else if (current) {
      current.text = `${current.text} ${line.trim()}`;
    }
    blankBefore = false;
  }
  return out.map((q) => ({ ...q, text: squeeze(q.text) }));
}
