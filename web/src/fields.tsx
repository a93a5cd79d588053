// A labelled NL Design System text field with an optional description: the sign-in form's, and that of
// the account and administration forms.
import {
  Button,
  FormField,
  FormFieldDescription,
  FormLabel,
  Textbox,
} from '@utrecht/component-library-react';
import { type ReactNode, useId } from 'react';

export interface FieldProps {
  label: string;
  description?: string | undefined;
  className?: string;
}

export function TextField({
  label,
  description,
  className,
  value,
  onChange,
  type = 'text',
  required = false,
  autoComplete,
  min,
  max,
  maxLength,
  list,
}: FieldProps & {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'number';
  required?: boolean;
  autoComplete?: string;
  min?: number;
  max?: number;
  maxLength?: number;
  /** The id of a <datalist> of suggestions. */
  list?: string;
}) {
  const id = useId();
  return (
    <FormField className={`vb-field ${className ?? ''}`}>
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={`${id}-input`}>{label}</FormLabel>
      </div>
      {description && <FormFieldDescription id={`${id}-hint`}>{description}</FormFieldDescription>}
      <Textbox
        id={`${id}-input`}
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        inputRequired={required}
        autoComplete={autoComplete}
        aria-describedby={description ? `${id}-hint` : undefined}
        min={min}
        max={max}
        maxLength={maxLength}
        list={list}
        className={type === 'number' ? 'vb-field__number' : 'vb-field__input'}
        dir={type === 'text' ? 'auto' : 'ltr'}
      />
    </FormField>
  );
}

/** A form's primary button, in the row of actions at its foot. */
export function SubmitButton({ busy, children }: { busy?: boolean | undefined; children: ReactNode }) {
  return (
    <div className="vb-form__actions">
      <Button type="submit" appearance="primary-action-button" busy={busy}>
        {children}
      </Button>
    </div>
  );
}
