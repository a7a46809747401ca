import { useState } from 'react';
import { Loaded } from '../api/Loaded';
import { useCall } from '../api/useCall';
import type { FindingFilters } from './findingFilters';
import { FindingsRegister } from './FindingsRegister';
import { RaiseFinding } from './RaiseFinding';

/** The findings register as a tab of Registers: raise one by hand, or follow up those the imports and the board registered. */
export function FindingsTab({ cycleId, cycleName, filters, onFilters }: { cycleId: string; cycleName: string; filters: FindingFilters; onFilters(f: FindingFilters): void }) {
  const findings = useCall('findings.register', {});
  const [raising, setRaising] = useState(false);
  return (
    <section className="register-section" aria-labelledby="findings-heading">
      <div className="section-head">
        <h2 id="findings-heading">Findings register</h2>
        {!raising && (
          <button type="button" onClick={() => setRaising(true)}>
            Raise a finding…
          </button>
        )}
      </div>
      {raising && <RaiseFinding onDone={() => setRaising(false)} />}
      <Loaded state={findings} what="the findings register">
        {(rows) =>
          rows.length === 0 ? (
            <div className="card empty-state">
              <p>
                No findings yet. The findings of every imported bundle land here once per distinct issue, with those carried from earlier cycles and those the board raises; each has
                an owner, a due date and a life until it is closed with evidence or covered by a risk acceptance.
              </p>
            </div>
          ) : (
            <FindingsRegister rows={rows} cycleId={cycleId} cycleName={cycleName} filters={filters} onFilters={onFilters} />
          )
        }
      </Loaded>
    </section>
  );
}
