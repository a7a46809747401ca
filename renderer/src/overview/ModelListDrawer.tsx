import { useEffect, useRef } from 'react';
import { formatCount } from '../format/numbers';

export interface ModelList {
  title: string;
  intro: string;
  rows: { modelId: string; modelName: string; detail: string }[];
}

/** The models behind a figure of the Overview, in the right-hand drawer; a name opens the model. */
export function ModelListDrawer({ list, onModel, onClose }: { list: ModelList; onModel(modelId: string): void; onClose(): void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    close.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <aside className="drawer" role="dialog" aria-label={list.title}>
      <div className="drawer-head">
        <h2>
          {list.title} <span className="muted">{formatCount(list.rows.length)}</span>
        </h2>
        <button type="button" ref={close} onClick={onClose}>
          Close
        </button>
      </div>
      <div className="drawer-body">
        <p className="muted">{list.intro}</p>
        <table className="data compact" aria-label={list.title}>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((r) => (
              <tr key={r.modelId}>
                <td>
                  <button type="button" className="link" onClick={() => onModel(r.modelId)}>
                    {r.modelName}
                  </button>
                </td>
                <td className="small">{r.detail || <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </aside>
  );
}
