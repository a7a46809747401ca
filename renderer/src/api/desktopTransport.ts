import type { DesktopBridge } from '../../../shared/contract/transport';
import type { Transport } from './transport';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser on the loopback host. */
    readonly mrb?: DesktopBridge;
  }
}

/** The desktop app: calls and events over the preload's IPC bridge, which never drops. */
export function desktopTransport(bridge: DesktopBridge): Transport {
  return {
    send: (name, args) => bridge.call(name, args),
    listen(onEvent, onState, onJob) {
      const offEvents = bridge.onEvent(onEvent);
      const offJobs = bridge.onJob(onJob);
      onState('live');
      return () => {
        offEvents();
        offJobs();
      };
    },
  };
}
