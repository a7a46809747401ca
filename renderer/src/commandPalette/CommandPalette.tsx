import { useEffect, useRef, useState } from 'react';
import { useCall } from '../api/useCall';
import type { Route } from '../routes/route';
import { objectCommands } from './objectCommands';

export interface Command {
  id: string;
  label: string;
  run(): void;
}

/**
 * Every place and action by name, and the cycle's models, sessions and findings by theirs:
 * type to filter, arrows to move, Enter to run, Esc to close.
 */
export function CommandPalette({ commands, onRoute, onClose }: { commands: Command[]; onRoute(to: Route): void; onClose(): void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const models = useCall('models.list', {});
  const sessions = useCall('sessions.list', {});
  const findings = useCall('findings.register', {});
  const objects = objectCommands(query, { models: models.value ?? [], sessions: sessions.value ?? [], findings: findings.value ?? [] });
  const matches = [
    ...commands.filter((c) => c.label.toLowerCase().includes(query.trim().toLowerCase())),
    ...objects.map((o) => ({ id: o.id, label: o.label, run: () => onRoute(o.route) })),
  ];

  useEffect(() => input.current?.focus(), []);
  useEffect(() => setActive(0), [query]);

  const run = (command: Command | undefined) => {
    if (!command) return;
    onClose();
    command.run();
  };

  return (
    <div className="dialog-backdrop" onMouseDown={onClose}>
      <div className="command-palette" role="dialog" aria-modal="true" aria-label="Command palette" onMouseDown={(e) => e.stopPropagation()}>
        <input
          ref={input}
          className="command-palette-input"
          aria-label="Command"
          role="combobox"
          aria-expanded="true"
          aria-controls="command-palette-list"
          aria-activedescendant={matches[active] ? `cmd-${active}` : undefined}
          placeholder="Type a place, an action, a model, a session or a finding"
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
        <ul id="command-palette-list" role="listbox" className="command-palette-list">
          {matches.length === 0 && <li className="empty">No command matches “{query}”.</li>}
          {matches.map((c, i) => (
            <li key={c.id} id={`cmd-${i}`} role="option" aria-selected={i === active} className={i === active ? 'active' : undefined} onMouseEnter={() => setActive(i)} onClick={() => run(c)}>
              {c.label}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
