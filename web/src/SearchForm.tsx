// The search box: a labelled search field and a button. Submitting goes to /zoeken?q=… (with `extra`
// parameters kept, such as the chosen filters on the search page).
import {
  Button,
  FormField,
  FormFieldDescription,
  FormLabel,
  Textbox,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useMessages } from './i18n.js';
import { navigate, toSearch } from './router.js';

export function SearchForm({
  initial = '',
  extra = [],
}: {
  initial?: string;
  extra?: Array<[string, string | undefined]>;
}) {
  const t = useMessages();
  const id = useId();
  const [q, setQ] = useState(initial);
  useEffect(() => setQ(initial), [initial]);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const query = q.trim();
    if (!query) return;
    navigate(`/zoeken${toSearch([['q', query], ...extra])}`);
  }
  return (
    <search className="vb-search-form">
      <form action="/zoeken" method="get" onSubmit={submit}>
        <FormField className="vb-search-form__field">
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor={`${id}-q`}>{t.searchLabel}</FormLabel>
          </div>
          <FormFieldDescription id={`${id}-hint`}>{t.searchHint}</FormFieldDescription>
          <div className="vb-search-form__row">
            <Textbox
              id={`${id}-q`}
              name="q"
              type="search"
              value={q}
              onChange={(event) => setQ(event.target.value)}
              aria-describedby={`${id}-hint`}
              autoComplete="off"
              enterKeyHint="search"
              className="vb-search-form__input"
              required
            />
            <Button type="submit" appearance="primary-action-button">
              {t.searchButton}
            </Button>
          </div>
        </FormField>
      </form>
    </search>
  );
}
