/**
 * Confirmation for destructive actions: a modal <dialog> (focus stays inside, Esc cancels,
 * the safe choice has focus first).
 */
import { render } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

interface Props {
  title: string;
  body: string;
  action: string;
  done: (ok: boolean) => void;
}

function Confirm({ title, body, action, done }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    <dialog ref={ref} class="confirm" aria-labelledby="confirm-title" onCancel={() => done(false)}>
      <h2 id="confirm-title">{title}</h2>
      <p>{body}</p>
      <div class="row end">
        <button type="button" autofocus onClick={() => done(false)}>
          Cancel
        </button>
        <button type="button" class="danger" onClick={() => done(true)}>
          {action}
        </button>
      </div>
    </dialog>
  );
}

/** Resolves true when the user confirms `action`. */
export function confirmAction(title: string, body: string, action: string): Promise<boolean> {
  const host = document.createElement('div');
  document.body.append(host);
  const previous = document.activeElement as HTMLElement | null;
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      render(null, host);
      host.remove();
      previous?.focus();
      resolve(ok);
    };
    render(<Confirm title={title} body={body} action={action} done={done} />, host);
  });
}
