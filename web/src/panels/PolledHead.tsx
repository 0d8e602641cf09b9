/**
 * What the panels that poll a list share: the head with its title and a Refresh button, the
 * last error, a loading line until the first answer, and a row's link that chooses it.
 */
export function PolledHead(p: {
  id: string;
  title: string;
  onRefresh: () => void;
  error: string;
  /** Shown until the first answer, e.g. "Loading runs…"; undefined once it came. */
  loading?: string;
}) {
  return (
    <>
      <div class="panel-head">
        <h2 id={p.id}>{p.title}</h2>
        <button type="button" onClick={p.onRefresh}>
          Refresh
        </button>
      </div>
      {p.error && (
        <p class="error" role="alert">
          {p.error}
        </p>
      )}
      {p.loading && !p.error && <p class="muted">{p.loading}</p>}
    </>
  );
}

/** A row's id as a button that chooses the row; pressed while it is the chosen one. */
export function ChooseLink({
  id,
  chosen,
  onChoose,
}: {
  id: string;
  chosen?: string;
  onChoose: (id: string) => void;
}) {
  return (
    <button type="button" class="link" aria-pressed={id === chosen} onClick={() => onChoose(id)}>
      {id}
    </button>
  );
}
