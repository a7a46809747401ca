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
    listen(to) {
      const offs = [bridge.onEvent(to.event), bridge.onJob(to.job), bridge.onProgress(to.progress), bridge.onServices(to.services)];
      to.state('live');
      return () => offs.forEach((off) => off());
    },
  };
}
