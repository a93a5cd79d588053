// Import: /importeren. Choose a file (or drop one), see what Vraagbaak read from it (a dry run: nothing is
// stored), then store it with "Opslaan" and go to the stored publication. Only for who may import: a
// visitor is asked to sign in (and comes back here), a user without the role is told so.
import {
  Alert,
  Button,
  ButtonGroup,
  FormField,
  FormFieldDescription,
  FormLabel,
  Heading2,
  Paragraph,
} from '@utrecht/component-library-react';
import { type ChangeEvent, useEffect, useId, useRef, useState } from 'react';
import { type ImportResponse, importFile } from '../api.js';
import { canImport, signInUrl, useAuth } from '../auth.js';
import {
  ErrorMessage,
  Facts,
  Loading,
  PageHeading,
  publicationName,
  publicationUrl,
  useDocumentTitle,
} from '../components.js';
import { useMessages } from '../i18n.js';
import { RouterLink } from '../router.js';

type Step =
  | { kind: 'choose' }
  | { kind: 'reading'; file: File }
  | { kind: 'failed'; file: File; error: unknown }
  | { kind: 'preview'; file: File; result: ImportResponse }
  | { kind: 'saving'; file: File; result: ImportResponse }
  | { kind: 'save-failed'; file: File; result: ImportResponse; error: unknown }
  | { kind: 'saved'; file: File; result: ImportResponse };

function Preview({ file, result }: { file: File; result: ImportResponse }) {
  const t = useMessages();
  const pub = result.publication;
  const name = pub.id
    ? publicationName({ id: pub.id, title: pub.title, kind: pub.kind }, t)
    : (pub.title ?? '');
  return (
    <>
      <Facts
        items={[
          { label: t.previewFile, value: file.name },
          { label: t.previewReader, value: t.readers[result.reader] },
          { label: t.previewId, value: result.id ?? t.noId },
          { label: t.previewTitleField, value: name, lang: 'nl' },
          { label: t.previewKind, value: t.kinds[pub.kind] },
          { label: t.previewQuestions, value: String(result.questions) },
        ]}
      />
      <section aria-labelledby="warnings-heading" className="vb-section">
        <h3 id="warnings-heading" className="utrecht-heading-3">
          {t.previewWarnings} ({result.warnings.length})
        </h3>
        {result.warnings.length === 0 ? (
          <Paragraph>{t.noWarnings}</Paragraph>
        ) : (
          <ul className="vb-warnings">
            {result.warnings.map((warning, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the warnings of one reading, in order
              <li key={i} className="vb-warning">
                <strong>{t.warningLine(warning.line)}</strong>: <span lang="en">{warning.message}</span>
                {warning.text && (
                  <q className="vb-warning__text" lang="nl">
                    {warning.text}
                  </q>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export function ImportPage() {
  const t = useMessages();
  useDocumentTitle(t.importTitle);
  const auth = useAuth();
  return (
    <>
      <PageHeading>{t.importTitle}</PageHeading>
      <Paragraph>{t.importIntro}</Paragraph>
      {auth.status === 'loading' && <Loading />}
      {auth.status === 'visitor' && (
        <Alert type="info" className="vb-alert vb-import-sign-in">
          <Paragraph>{auth.ended ? t.sessionEnded : t.importSignInNeeded}</Paragraph>
          <Paragraph>
            <RouterLink href={signInUrl('/importeren')}>{t.importSignInLink}</RouterLink>
          </Paragraph>
        </Alert>
      )}
      {auth.status === 'user' &&
        (canImport(auth.user) ? (
          <ImportForm />
        ) : (
          <Alert type="info" className="vb-alert">
            <Paragraph>{t.importNotAllowed}</Paragraph>
          </Alert>
        ))}
    </>
  );
}

function ImportForm() {
  const t = useMessages();
  const id = useId();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const savedMessage = useRef<HTMLDivElement>(null);
  const zone = useRef<HTMLDivElement>(null);
  const request = useRef<AbortController | null>(null);

  useEffect(() => () => request.current?.abort(), []);

  function read(file: File) {
    request.current?.abort();
    const controller = new AbortController();
    request.current = controller;
    setStep({ kind: 'reading', file });
    importFile(file, { fileName: file.name, dryRun: true }, controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        setStep({ kind: 'preview', file, result });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setStep({ kind: 'failed', file, error });
      },
    );
  }

  function save(file: File, preview: ImportResponse) {
    request.current?.abort();
    const controller = new AbortController();
    request.current = controller;
    setStep({ kind: 'saving', file, result: preview });
    importFile(file, { fileName: file.name, dryRun: false }, controller.signal).then(
      (result) => {
        if (!controller.signal.aborted) setStep({ kind: 'saved', file, result });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setStep({ kind: 'save-failed', file, result: preview, error });
      },
    );
  }

  function reset() {
    request.current?.abort();
    setStep({ kind: 'choose' });
    if (input.current) {
      input.current.value = '';
      input.current.focus();
    }
  }

  // Move the focus to what changed: the preview's heading, or the message that it was stored.
  useEffect(() => {
    if (step.kind === 'preview') previewHeading.current?.focus();
    if (step.kind === 'saved') savedMessage.current?.focus();
  }, [step.kind]);

  // Drag and drop onto the field, as an extra to the file input.
  useEffect(() => {
    const element = zone.current;
    if (!element) return;
    const over = (event: DragEvent) => {
      if (!event.dataTransfer?.types.includes('Files')) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    };
    const leave = (event: DragEvent) => {
      if (event.relatedTarget instanceof Node && element.contains(event.relatedTarget)) return;
      setDragging(false);
    };
    const drop = (event: DragEvent) => {
      event.preventDefault();
      setDragging(false);
      const file = event.dataTransfer?.files[0];
      if (file) read(file);
    };
    element.addEventListener('dragover', over);
    element.addEventListener('dragleave', leave);
    element.addEventListener('drop', drop);
    return () => {
      element.removeEventListener('dragover', over);
      element.removeEventListener('dragleave', leave);
      element.removeEventListener('drop', drop);
    };
  });

  function chosen(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (file) read(file);
  }

  let status = '';
  if (step.kind === 'reading') status = t.reading(step.file.name);
  if (step.kind === 'saving') status = t.saving;

  return (
    <>
      <div ref={zone} className={dragging ? 'vb-dropzone vb-dropzone--active' : 'vb-dropzone'}>
        <FormField className="vb-file-field">
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor={`${id}-file`}>{t.fileLabel}</FormLabel>
          </div>
          <FormFieldDescription id={`${id}-hint`}>{t.fileHint}</FormFieldDescription>
          <input
            ref={input}
            id={`${id}-file`}
            type="file"
            name="file"
            accept=".txt,.xml,.html,.htm,.pdf,.docx,text/plain,application/xml,text/html,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            className="vb-file-input"
            aria-describedby={`${id}-hint ${id}-drop`}
            onChange={chosen}
            onClick={(event) => {
              // choosing the same file again (changed on disk) reads it again
              event.currentTarget.value = '';
            }}
          />
          <Paragraph id={`${id}-drop`} className="vb-dropzone__hint">
            {dragging ? t.dropZoneActive : t.dropZone}
          </Paragraph>
        </FormField>
      </div>
      <Paragraph role="status" className="vb-status">
        {status}
      </Paragraph>
      {step.kind === 'failed' && <ErrorMessage error={step.error} />}
      {(step.kind === 'preview' ||
        step.kind === 'saving' ||
        step.kind === 'save-failed' ||
        step.kind === 'saved') && (
        <section aria-labelledby="preview-heading" className="vb-section vb-import-preview">
          <Heading2 id="preview-heading" ref={previewHeading} tabIndex={-1}>
            {t.previewTitle}: {step.file.name}
          </Heading2>
          <Preview file={step.file} result={step.result} />
          {step.kind === 'save-failed' && <ErrorMessage error={step.error} />}
          {step.kind === 'saved' ? (
            <div ref={savedMessage} tabIndex={-1} className="vb-saved">
              <Alert type="ok" className="vb-alert">
                <Paragraph>{t.outcome[step.result.outcome] ?? step.result.outcome}</Paragraph>
                {step.result.id && (
                  <Paragraph>
                    <RouterLink href={publicationUrl(step.result.id)}>
                      {t.openPublication(step.result.id)}
                    </RouterLink>
                  </Paragraph>
                )}
              </Alert>
              <ButtonGroup>
                <Button appearance="secondary-action-button" onClick={reset}>
                  {t.chooseAnother}
                </Button>
              </ButtonGroup>
            </div>
          ) : (
            <ButtonGroup>
              <Button
                appearance="primary-action-button"
                onClick={() => save(step.file, step.result)}
                busy={step.kind === 'saving'}
                disabled={step.kind === 'saving'}
              >
                {t.save}
              </Button>
              <Button appearance="secondary-action-button" onClick={reset}>
                {t.chooseAnother}
              </Button>
            </ButtonGroup>
          )}
        </section>
      )}
    </>
  );
}
