// One person's daily digest: every notification they want by mail and have not had mailed yet, in one
// message, grouped by kind in a fixed order, each with its link. Pure.
import { formatDutchDate } from '../render/dutch-date.js';
import { KIND_LABELS, NOTIFICATION_KINDS, type NotificationKind } from './kinds.js';
import { absoluteLink, mailFooter, oneLine } from './messages.js';

export interface DigestItem {
  kind: NotificationKind;
  subject: string;
  link: string | null;
  createdAt: string;
}

export function digestMail(
  items: readonly DigestItem[],
  to: { name: string; today: string; publicUrl: string | null },
): { subject: string; text: string } {
  const n = items.length;
  const lines = [
    `Beste ${oneLine(to.name, 80)},`,
    '',
    `Dit is uw overzicht van Vraagbaak: ${n === 1 ? 'één melding' : `${n} meldingen`} die u nog niet per e-mail kreeg.`,
  ];
  for (const kind of NOTIFICATION_KINDS) {
    const group = items.filter((i) => i.kind === kind).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    if (group.length === 0) continue;
    lines.push('', `${KIND_LABELS[kind].nl} (${group.length})`);
    for (const item of group) {
      lines.push(`- ${oneLine(item.subject)}`);
      if (item.link) lines.push(`  ${absoluteLink(item.link, to.publicUrl)}`);
    }
  }
  lines.push('', mailFooter(to.publicUrl));
  return {
    subject: `Vraagbaak: overzicht van ${formatDutchDate(to.today)} (${n} ${n === 1 ? 'melding' : 'meldingen'})`,
    text: lines.join('\n'),
  };
}
