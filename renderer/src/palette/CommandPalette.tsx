import { useEffect, useRef, useState } from 'react';

export interface Command {
  id: string;
  label: string;
  run(): void;
}

/** Every place and action by name: type to filter, arrows to move, Enter to run, Esc to close. */
export function CommandPalette({ commands, onClose }: { commands: Command[]; onClose(): void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const matches = commands.filter((c) => c.label.toLowerCase().includes(query.trim().toLowerCase()));

  useEffect(() => input.current?.focus(), []);
  useEffect(() => setActive(0), [query]);

  const run = (command: Command | undefined) => {
    if (!command) return;
    onClose();
    command.run();
  };

  return (
    <div className="palette-backdrop" onMouseDown={onClose}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Command palette" onMouseDown={(e) => e.stopPropagation()}>
        <input
          ref={input}
          className="palette-input"
          aria-label="Command"
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={matches[active] ? `cmd-${matches[active].id}` : undefined}
          placeholder="Type a place or an action"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onClose();
            else if (e.key === 'ArrowDown') setActive((i) => Math.min(matches.length - 1, i + 1));
            else if (e.key === 'ArrowUp') setActive((i) => Math.max(0, i - 1));
            else if (e.key === 'Enter') run(matches[active]);
            else return;
            e.preventDefault();
          }}
        />
        <ul id="palette-list" role="listbox" className="palette-list">
          {matches.length === 0 && <li className="empty">No command matches “{query}”.</li>}
          {matches.map((c, i) => (
            <li key={c.id} id={`cmd-${c.id}`} role="option" aria-selected={i === active} className={i === active ? 'active' : undefined} onMouseEnter={() => setActive(i)} onClick={() => run(c)}>
              {c.label}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
