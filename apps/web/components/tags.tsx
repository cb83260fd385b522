import type { Owner, TagLabel } from '../lib/queries';

/** Tags as small labels; with `showState` (or when not confirmed) each shows its state. */
export function Tags({ tags, showState = false }: { tags: TagLabel[]; showState?: boolean }) {
  if (tags.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="tags">
      {tags.map((tag) => (
        <li
          key={tag.tagFqn}
          className="tag"
          title={`${tag.labelType}, ${tag.source}, ${tag.state}`}
        >
          {tag.tagFqn}
          {(showState || tag.state !== 'confirmed') && (
            <span className="tag-state"> ({tag.state})</span>
          )}
        </li>
      ))}
    </ul>
  );
}

export function Owners({ owners }: { owners: Owner[] }) {
  if (owners.length === 0) return <span className="muted">—</span>;
  return (
    <>
      {owners.map((owner, index) => (
        <span key={`${owner.type}:${owner.name}`}>
          {index > 0 && ', '}
          <span title={owner.type}>{owner.name}</span>
        </span>
      ))}
    </>
  );
}

export function ErrorMessage({ message }: { message: string }) {
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}
