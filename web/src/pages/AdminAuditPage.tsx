// The audit log, for administrators: /beheer/audit?actie=session.login&voor=120. Newest first, a filter by
// action (or a group: user.*), and "older" pages by sequence number; the state is in the URL.
import { Paragraph, TableCell, TableRow } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { type AuditEntry, listAuditEntries } from '../api.js';
import { LoadedList, useRequest } from '../components.js';
import { SubmitButton, TextField } from '../fields.js';
import { DataTable, RestrictedPage } from '../forms.js';
import { formatDateTime, type Messages, useLanguage, useMessages } from '../i18n.js';
import { navigate, RouterLink, toSearch } from '../router.js';

const PAGE_SIZE = 50;
/** The actions the server records (src/server/routes), offered as suggestions; others may be typed. */
const KNOWN_ACTIONS = [
  'session.*',
  'session.login',
  'session.login_failed',
  'session.logout',
  'user.*',
  'user.created',
  'user.disabled',
  'user.enabled',
  'user.role_changed',
  'token.*',
  'token.created',
  'token.revoked',
  'organisation.created',
];

interface AuditState {
  action: string;
  before: number | null;
}

function readState(search: string): AuditState {
  const params = new URLSearchParams(search);
  const before = Number.parseInt(params.get('voor') ?? '', 10);
  return {
    action: (params.get('actie') ?? '').trim(),
    before: Number.isFinite(before) && before > 0 ? before : null,
  };
}

function stateUrl(state: AuditState): string {
  return `/beheer/audit${toSearch([
    ['actie', state.action],
    ['voor', state.before],
  ])}`;
}

export function AdminAuditPage({ search }: { search: string }) {
  const t = useMessages();
  return (
    <RestrictedPage title={t.auditTitle} admin>
      {() => <Audit state={readState(search)} />}
    </RestrictedPage>
  );
}

/** Who: the name as it was recorded, else the actor label ('user:3', 'anonymous'). */
function who(entry: AuditEntry, t: Messages): string {
  if (entry.actorName) return entry.actorName;
  return entry.actor === 'anonymous' ? t.anonymous : entry.actor;
}

/** The details as "key: value" pairs, values as compact JSON where they are not plain text. */
function detailPairs(details: Record<string, unknown>): Array<[string, string]> {
  return Object.entries(details).map(([key, value]) => [
    key,
    typeof value === 'string' ? value : JSON.stringify(value),
  ]);
}

function Audit({ state }: { state: AuditState }) {
  const t = useMessages();
  const language = useLanguage();
  const [action, setAction] = useState(state.action);
  useEffect(() => setAction(state.action), [state.action]);
  const request = useRequest(
    (signal) =>
      listAuditEntries(
        {
          limit: PAGE_SIZE + 1,
          ...(state.before !== null ? { beforeSeq: state.before } : {}),
          ...(state.action ? { action: state.action } : {}),
        },
        signal,
      ),
    `${state.action}|${state.before ?? ''}`,
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    navigate(stateUrl({ action: action.trim(), before: null }));
  }

  const entries = request.state === 'done' ? request.data.slice(0, PAGE_SIZE) : null;
  const more = request.state === 'done' && request.data.length > PAGE_SIZE;
  const last = entries?.[entries.length - 1];
  const caption = [
    state.action ? t.auditCaptionFor(state.action) : t.auditCaption,
    state.before !== null ? t.auditCaptionOlder(state.before) : '',
  ]
    .filter(Boolean)
    .join(', ');

  return (
    <>
      <Paragraph className="vb-measure">{t.auditIntro}</Paragraph>
      <search className="vb-audit-filter">
        <form className="vb-form vb-form--inline" onSubmit={submit} action="/beheer/audit" method="get">
          <TextField
            label={t.auditFilterLabel}
            description={t.auditFilterHint}
            value={action}
            onChange={setAction}
            list="vb-audit-actions"
            maxLength={100}
            autoComplete="off"
          />
          <datalist id="vb-audit-actions">
            {KNOWN_ACTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
          <SubmitButton>{t.filterButton}</SubmitButton>
        </form>
        {state.action && (
          <Paragraph>
            <RouterLink href={stateUrl({ action: '', before: null })}>{t.allActions}</RouterLink>
          </Paragraph>
        )}
      </search>
      <LoadedList request={request} items={entries} empty={t.auditEmpty}>
        {(items) => (
          <DataTable
            caption={caption}
            className="vb-audit"
            columns={[t.colSeq, t.colTime, t.colWho, t.colAction, t.colSubject, t.colDetails]}
          >
            {items.map((entry) => {
              const pairs = detailPairs(entry.details);
              return (
                <TableRow key={entry.seq}>
                  <TableCell className="vb-audit__seq">{entry.seq}</TableCell>
                  <TableCell className="vb-audit__time">
                    <time dateTime={entry.at}>{formatDateTime(entry.at, language)}</time>
                  </TableCell>
                  <TableCell>
                    {who(entry, t)}
                    {entry.address && (
                      <span className="vb-meta vb-audit__address">{t.fromAddress(entry.address)}</span>
                    )}
                  </TableCell>
                  <TableCell>
                    <code className="vb-code">{entry.action}</code>
                  </TableCell>
                  <TableCell>{entry.subject && <code className="vb-code">{entry.subject}</code>}</TableCell>
                  <TableCell className="vb-audit__details">
                    {pairs.length > 0 && (
                      <ul className="vb-plain-list">
                        {pairs.map(([key, value]) => (
                          <li key={key}>
                            <span className="vb-audit__key">{key}:</span> {value}
                          </li>
                        ))}
                      </ul>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </DataTable>
        )}
      </LoadedList>
      {(more || state.before !== null) && (
        <nav aria-label={t.pagination} className="vb-paging">
          <ul className="vb-audit-paging">
            {state.before !== null && (
              <li>
                <RouterLink href={stateUrl({ action: state.action, before: null })}>
                  {t.newestEntries}
                </RouterLink>
              </li>
            )}
            {more && last && (
              <li>
                <RouterLink href={stateUrl({ action: state.action, before: last.seq })}>
                  {t.olderEntries}
                </RouterLink>
              </li>
            )}
          </ul>
        </nav>
      )}
    </>
  );
}
