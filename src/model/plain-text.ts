// Blocks → plain text, the form search and the JSON's `question`/`answer` fields use:
// paragraphs separated by a blank line, list items on their own line, footnote markers left out.
// Readers hand over text with single spaces; this does not normalise whitespace again.
import type { Block, Inline } from './publication.js';

export function inlineText(content: readonly Inline[]): string {
  let out = '';
  for (const node of content) if (node.type === 'text') out += node.value;
  return out.trim();
}

export function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return inlineText(block.content);
    case 'list':
      return block.items.map((item) => `${item.marker} ${inlineText(item.content)}`).join('\n');
    case 'table':
      return block.rows.map((row) => row.join(' | ')).join('\n');
  }
}

export function blocksText(blocks: readonly Block[]): string {
  return blocks
    .map(blockText)
    .filter((text) => text.length > 0)
    .join('\n\n');
}
