import { useApi } from '../api/ApiContext';
import { presenterUrl } from './presenterUrl';
import { Icon } from '../frame/icons';

/**
 * Opens the projector's view: the desktop app's own presenter window (which it keeps
 * hardened and brings forward when already open), or a new tab on the loopback host.
 */
export function OpenPresenterButton() {
  const { desktop } = useApi();
  const open = () => {
    if (desktop) void desktop.openPresenter();
    else window.open(presenterUrl(window.location, window.sessionStorage), '_blank', 'noopener');
  };
  return (
    <button type="button" onClick={open}>
      <Icon name="present" />
      Open presenter view
    </button>
  );
}
