import { FieldErrors } from '../../ui/field-errors';

/** One policy, regulation or reference document of the system section (`{ id, title, description?, url? }`). */
export interface ReferenceItem {
  readonly id: string;
  readonly title: string;
  readonly description?: string | undefined;
  readonly url?: string | undefined;
}

/** Drops empty optional texts so that an untouched field is not saved as `""`. */
export const cleanReferences = (items: readonly ReferenceItem[]): ReferenceItem[] =>
  items.map(({ id, title, description, url }) => ({
    id: id.trim(),
    title,
    ...(description === undefined || description.trim() === '' ? {} : { description }),
    ...(url === undefined || url.trim() === '' ? {} : { url: url.trim() }),
  }));

/**
 * Edits one list of the system section: ZCR 6.7 policies, ZCR 6.9 regulations or the ZCR 5.13 documents the
 * assessment relies on. Rows are edited in place and saved with the section; each input shows the server's
 * diagnostics for its own path (`policies[1].id`). Read-only users see the list without inputs.
 */
export const ReferenceListEditor = ({
  name,
  legend,
  noun,
  items,
  canEdit,
  error,
  onChange,
}: {
  name: 'policies' | 'regulations' | 'references';
  legend: string;
  noun: string;
  items: readonly ReferenceItem[];
  canEdit: boolean;
  error: unknown;
  onChange: (next: ReferenceItem[]) => void;
}) => {
  const change = (index: number, field: keyof ReferenceItem, value: string) =>
    onChange(items.map((item, at) => (at === index ? { ...item, [field]: value } : item)));
  const input = (index: number, field: keyof ReferenceItem, label: string) => (
    <>
      <input
        aria-label={`${noun} ${index + 1}: ${label}`}
        value={items[index]?.[field] ?? ''}
        onChange={(event) => change(index, field, event.target.value)}
        required={field === 'id' || field === 'title'}
      />
      <FieldErrors error={error} path={[name, index, field]} />
    </>
  );
  return (
    <fieldset className="reference-list" aria-label={legend}>
      <legend>{legend}</legend>
      {items.length === 0 ? <p className="muted small">None listed.</p> : null}
      {items.length === 0 ? null : canEdit ? (
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">Id</th>
              <th scope="col">Title</th>
              <th scope="col">Link</th>
              <th scope="col">Description</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((_, index) => (
              <tr key={index}>
                <td>{input(index, 'id', 'id')}</td>
                <td>{input(index, 'title', 'title')}</td>
                <td>{input(index, 'url', 'link')}</td>
                <td>{input(index, 'description', 'description')}</td>
                <td>
                  <button
                    type="button"
                    className="ghost"
                    aria-label={`Remove ${noun} ${index + 1}`}
                    onClick={() => onChange(items.filter((__, at) => at !== index))}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <ul>
          {items.map((item, index) => (
            <li key={index}>
              <span className="mono">{item.id}</span> {item.title}
              {item.url === undefined ? null : (
                <>
                  {' '}
                  <span className="muted small">({item.url})</span>
                </>
              )}
              {item.description === undefined ? null : <div className="muted small">{item.description}</div>}
            </li>
          ))}
        </ul>
      )}
      <FieldErrors error={error} path={[name]} exact />
      {canEdit ? (
        <button type="button" onClick={() => onChange([...items, { id: '', title: '' }])}>
          Add {noun}
        </button>
      ) : null}
    </fieldset>
  );
};
