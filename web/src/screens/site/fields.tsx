import { type KeyboardEvent, useId } from 'react';

/**
 * A text field that writes its value when it loses the focus or on Enter (not on each key, so the YAML is not
 * rewritten under the user's fingers). Its key follows the value, so an edit of the YAML refreshes it.
 */
export function CommitInput({
  label,
  value,
  onCommit,
  placeholder,
}: {
  label: string;
  value: string;
  onCommit: (value: string) => void;
  placeholder?: string;
}) {
  const id = useId();
  const commit = (v: string) => {
    if (v !== value) onCommit(v);
  };
  return (
    <span className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        key={value}
        defaultValue={value}
        placeholder={placeholder}
        onBlur={(e) => commit(e.currentTarget.value)}
        onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit(e.currentTarget.value);
          }
        }}
      />
    </span>
  );
}

export function SelectField({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: readonly (string | [string, string])[];
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <span className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => {
          const [v, text] = typeof o === 'string' ? [o, o] : o;
          return (
            <option key={v} value={v}>
              {text}
            </option>
          );
        })}
      </select>
    </span>
  );
}

export function CheckField({
  label,
  checked,
  onChange,
}: {
  label: React.ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <span className="field check">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </span>
  );
}

/** A one-field form adding a named entry (a zone, a host…). */
export function AddForm({ label, button, onAdd }: { label: string; button: string; onAdd: (name: string) => void }) {
  const id = useId();
  return (
    <form
      className="toolbar"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const name = String(new FormData(form).get('name') ?? '').trim();
        if (name) onAdd(name);
        form.reset();
      }}
    >
      <label htmlFor={id}>
        {label}
        <input id={id} name="name" required />
      </label>
      <button type="submit">{button}</button>
    </form>
  );
}
