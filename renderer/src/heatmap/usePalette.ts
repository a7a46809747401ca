import { useCallback, useState } from 'react';
import { PALETTE_NAMES, type PaletteName } from '../../../shared/scoring/colourScale';

const KEY = 'mrb.palette';

/** The analyst's palette choice, remembered on this machine across sessions. */
export function usePalette(): [PaletteName, (p: PaletteName) => void] {
  const [palette, setState] = useState<PaletteName>(() => {
    const saved = localStorage.getItem(KEY) as PaletteName | null;
    return saved && PALETTE_NAMES.includes(saved) ? saved : 'standard';
  });
  const set = useCallback((p: PaletteName) => {
    localStorage.setItem(KEY, p);
    setState(p);
  }, []);
  return [palette, set];
}
