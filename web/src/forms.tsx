// What the account and administration pages share (loaded with them, not with the rest of the app):
// checkbox, radio button and select fields, a secret shown once with a copy button, a frame for wide tables, and the
// refusal for who may not see a page. The text field is in fields.tsx (the sign-in page needs it too).
import {
  Alert,
  Button,
  Checkbox,
  FormField,
  FormFieldDescription,
  FormLabel,
  Paragraph,
  RadioButton,
  Select,
  SelectOption,
  Table,
  TableBody,
  TableCaption,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
} from '@utrecht/component-library-react';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import type { User } from './api.js';
import { signInUrl, useAuth } from './auth.js';
import { Loading, PageHeading, useDocumentTitle } from './components.js';
import type { FieldProps } from './fields.js';
import { useMessages } from './i18n.js';
import { RouterLink } from './router.js';

export function CheckboxField({
  label,
  description,
  checked,
  onChange,
}: FieldProps & { checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId();
  return (
    <FormField type="checkbox" className="vb-field vb-field--checkbox">
      <div className="utrecht-form-field__input">
        <Checkbox
          id={`${id}-input`}
          appearance="custom"
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
          aria-describedby={description ? `${id}-hint` : undefined}
        />
      </div>
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={`${id}-input`} type="checkbox" checked={checked}>
          {label}
        </FormLabel>
      </div>
      {description && (
        <FormFieldDescription id={`${id}-hint`} className="vb-field__checkbox-hint">
          {description}
        </FormFieldDescription>
      )}
    </FormField>
  );
}

/** One choice of a group (a fieldset with its legend): picking it calls `onChange` with its value. */
export function RadioField({
  label,
  name,
  value,
  checked,
  onChange,
}: {
  label: string;
  name: string;
  value: string;
  checked: boolean;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <FormField type="radio" className="vb-field vb-field--radio">
      <div className="utrecht-form-field__input">
        <RadioButton
          id={`${id}-input`}
          name={name}
          value={value}
          checked={checked}
          onChange={(event) => {
            if (event.target.checked) onChange(value);
          }}
        />
      </div>
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={`${id}-input`} type="radio" checked={checked}>
          {label}
        </FormLabel>
      </div>
    </FormField>
  );
}

export function SelectField({
  label,
  description,
  value,
  onChange,
  options,
  required = false,
}: FieldProps & {
  value: string;
  onChange: (value: string) => void;
  options: Array<{ value: string; label: string }>;
  required?: boolean;
}) {
  const id = useId();
  return (
    <FormField className="vb-field">
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={`${id}-input`}>{label}</FormLabel>
      </div>
      {description && <FormFieldDescription id={`${id}-hint`}>{description}</FormFieldDescription>}
      <Select
        id={`${id}-input`}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        required={required}
        noscript={required}
        aria-describedby={description ? `${id}-hint` : undefined}
        className="vb-field__select"
      >
        {options.map((option) => (
          <SelectOption key={option.value} value={option.value}>
            {option.label}
          </SelectOption>
        ))}
      </Select>
    </FormField>
  );
}

/** A secret the server tells once (a new API token, a one-time password): read-only, with a copy button. */
export function OnceSecret({ label, value, note }: { label: string; value: string; note: string }) {
  const t = useMessages();
  const id = useId();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <div className="vb-secret">
      <Paragraph id={`${id}-note`}>
        <strong>{note}</strong>
      </Paragraph>
      <FormField className="vb-field">
        <div className="utrecht-form-field__label">
          <FormLabel htmlFor={`${id}-value`}>{label}</FormLabel>
        </div>
        <div className="vb-secret__row">
          <Textbox
            id={`${id}-value`}
            readOnly
            value={value}
            aria-describedby={`${id}-note`}
            className="vb-secret__value"
            dir="ltr"
            spellCheck={false}
            autoComplete="off"
            onFocus={(event) => event.currentTarget.select()}
          />
          <Button
            appearance="secondary-action-button"
            onClick={() => {
              // The clipboard API needs a secure context (HTTPS or localhost); otherwise select and copy.
              if (!window.isSecureContext || !navigator.clipboard) {
                setCopy('failed');
                return;
              }
              navigator.clipboard.writeText(value).then(
                () => setCopy('copied'),
                () => setCopy('failed'),
              );
            }}
          >
            {t.copy}
          </Button>
        </div>
      </FormField>
      <Paragraph role="status" className="vb-message">
        {copy === 'copied' ? t.copied : copy === 'failed' ? t.copyFailed : ''}
      </Paragraph>
    </div>
  );
}

/**
 * A page for signed-in users (or administrators only): while the session loads, "loading"; a visitor
 * gets a link to sign in that comes back here; a user who may not, a polite refusal.
 */
export function Restricted({
  admin = false,
  children,
}: {
  admin?: boolean;
  children: (user: User) => ReactNode;
}) {
  const t = useMessages();
  const auth = useAuth();
  if (auth.status === 'loading') return <Loading />;
  if (auth.status === 'visitor') {
    return (
      <Alert type="info" className="vb-alert">
        <Paragraph>{auth.ended ? t.sessionEnded : t.signInRequired}</Paragraph>
        <Paragraph>
          <RouterLink href={signInUrl()}>{t.signIn}</RouterLink>
        </Paragraph>
      </Alert>
    );
  }
  if (admin && !auth.user.admin) {
    return (
      <Alert type="info" className="vb-alert">
        <Paragraph>{t.adminOnly}</Paragraph>
        <Paragraph>
          <RouterLink href="/">{t.backHome}</RouterLink>
        </Paragraph>
      </Alert>
    );
  }
  return <>{children(auth.user)}</>;
}

/** A page of the account or administration: its title and heading, and its content only for who may see it. */
export function RestrictedPage({
  title,
  admin = false,
  children,
}: {
  title: string;
  admin?: boolean;
  children: (user: User) => ReactNode;
}) {
  useDocumentTitle(title);
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <Restricted admin={admin}>{children}</Restricted>
    </>
  );
}

/**
 * A form's sending: `busy` while its request runs, the request's failure as `error`. `send` starts it
 * (once at a time); `done` gets its result.
 */
export function useSubmission() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  function send<T>(request: () => Promise<T>, done: (result: T) => void) {
    if (busy) return;
    setBusy(true);
    setError(null);
    request().then(
      (result) => {
        setBusy(false);
        done(result);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(failure);
      },
    );
  }
  return { busy, error, setError, send };
}

/** What was just made (a user, a token), said in a box that takes the focus when it appears. */
export function MadeNotice({ message, children }: { message: string; children?: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div ref={ref} tabIndex={-1} className="vb-focus-target vb-once">
      <Alert type="ok" className="vb-alert">
        <Paragraph>{message}</Paragraph>
        {children}
      </Alert>
    </div>
  );
}

/**
 * A table with its caption (hidden, if the heading above says it already) and a header row of columns,
 * in a frame that scrolls when it is too wide. The rows are its children.
 */
export function DataTable({
  caption,
  captionHidden = false,
  columns,
  className,
  busy,
  children,
}: {
  caption: string;
  captionHidden?: boolean;
  columns: string[];
  className?: string;
  busy?: boolean;
  children: ReactNode;
}) {
  return (
    <TableScroll label={caption}>
      <Table className={className ? `vb-table ${className}` : 'vb-table'} busy={busy}>
        <TableCaption className={captionHidden ? 'vb-visually-hidden' : undefined}>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            {columns.map((column) => (
              <TableHeaderCell key={column} scope="col">
                {column}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>{children}</TableBody>
      </Table>
    </TableScroll>
  );
}

/**
 * A wide table's frame: on a narrow screen the table scrolls sideways inside it, not the page. When it
 * does scroll it is a labelled region that takes the focus, so keyboard users can scroll it too.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setScrolls(element.scrollWidth > element.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      className="vb-table-scroll"
      {...(scrolls ? { tabIndex: 0, role: 'region', 'aria-label': label } : {})}
    >
      {children}
    </div>
  );
}
