import { useCallback, useEffect, useState } from 'react';
import { useApi } from './api/ApiContext';
import { Loaded } from './api/Loaded';
import { ServicesBanner } from './api/ServicesBanner';
import { useCall } from './api/useCall';
import { NextCycleDialog } from './cycles/NextCycleDialog';
import { AppFrame } from './frame/AppFrame';
import { OVERVIEW } from './routes/route';
import { useRoute } from './routes/useRoute';
import { StartScreen, type StartMode } from './start/StartScreen';
import { Presenter } from './presenter/Presenter';
import { isPresenterView } from './presenter/presenterUrl';

/**
 * The presenter view when the address asks for it (`?view=presenter`; the token code has
 * already taken the token out of the address and left this), the analyst's app otherwise.
 */
export function App() {
  return isPresenterView(window.location.search) ? <Presenter /> : <Workbench />;
}

/** The start screen while no cycle is open, the app frame once one is. */
function Workbench() {
  const { desktop } = useApi();
  const info = useCall('cycle.info', {});
  const [startMode, setStartMode] = useState<StartMode>('choose');
  const { route, unknown, navigate } = useRoute();
  const [startingNext, setStartingNext] = useState(false);
  // The cycle on screen was just started from its predecessor (cleared when another is opened).
  const [freshId, setFreshId] = useState<string | null>(null);
  const { client } = useApi();

  const closeCycle = useCallback(() => {
    void client.call('cycle.close', {}).then(() => {
      setStartMode('choose');
      info.reload();
    });
  }, [client, info]);

  useEffect(() => {
    if (!desktop) return undefined;
    return desktop.onMenuCommand((command) => {
      if (command.kind === 'new-cycle') setStartMode('new');
      if (command.kind === 'next-cycle') setStartingNext(true);
      if (command.kind === 'open-cycle') setStartMode('open');
      if (command.kind === 'close-cycle') closeCycle();
      if (command.kind === 'open-path') void client.call('cycle.open', { path: command.path }).then(() => info.reload());
    });
  }, [desktop, client, closeCycle, info]);

  return (
    <>
      <ServicesBanner />
      <Loaded state={info} what="the review cycle">
        {(cycle) =>
          cycle === null || startMode !== 'choose' ? (
            <StartScreen
              mode={startMode}
              onMode={setStartMode}
              onOpened={(opened) => {
                info.replace(opened);
                setStartMode('choose');
                navigate(OVERVIEW);
              }}
              onCancel={cycle === null ? undefined : () => setStartMode('choose')}
            />
          ) : (
            <>
              <AppFrame
                cycle={cycle}
                route={route}
                unknownAddress={unknown}
                navigate={navigate}
                onNewCycle={() => setStartMode('new')}
                onNextCycle={() => setStartingNext(true)}
                fresh={freshId === cycle.id}
                onOpenCycle={() => setStartMode('open')}
                onCloseCycle={closeCycle}
              />
              {startingNext && (
                <NextCycleDialog
                  cycle={cycle}
                  onOpened={(next) => {
                    info.replace(next);
                    setFreshId(next.id);
                    setStartingNext(false);
                    navigate(OVERVIEW);
                  }}
                  onCancel={() => setStartingNext(false)}
                />
              )}
            </>
          )
        }
      </Loaded>
    </>
  );
}
