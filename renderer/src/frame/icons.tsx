/**
 * The app's icons: simple 24-unit line drawings, inline SVG so nothing is fetched and no
 * icon font is needed; coloured by the text around them (currentColor), sized by the
 * .icon class (the CSP forbids inline styles). An icon stands beside its word, never for
 * it, so it is hidden from screen readers.
 */

const PATHS = {
  overview: ['M3 3h7v9H3z', 'M14 3h7v5h-7z', 'M14 12h7v9h-7z', 'M3 16h7v5H3z'],
  inventory: ['M8 6h13', 'M8 12h13', 'M8 18h13', 'M3 6h.01', 'M3 12h.01', 'M3 18h.01'],
  heatmap: ['M3 3h5v5H3z', 'M10 3h4v5h-4z', 'M16 3h5v5h-5z', 'M3 10h5v4H3z', 'M10 10h4v4h-4z', 'M16 10h5v4h-5z', 'M3 16h5v5H3z', 'M10 16h4v5h-4z', 'M16 16h5v5h-5z'],
  sessions: ['M4 5h16v16H4z', 'M4 10h16', 'M8 3v4', 'M16 3v4', 'M8 14h3', 'M8 17h6'],
  registers: ['M9 3h6v3H9z', 'M7 4.5H5v17h14v-17h-2', 'M9 11l1.5 1.5L13 10', 'M9 16.5h6'],
  evidence: ['M12 2l9 5v10l-9 5-9-5V7z', 'M3 7l9 5 9-5', 'M12 12v10'],
  packets: ['M6 2h9l5 5v15H6z', 'M14 2v6h6', 'M9 17c1.5-2 2.5-2 3.5 0s2 2 3.5 0'],
  audit: ['M12 2l8 3v6c0 5-3.5 9-8 11-4.5-2-8-6-8-11V5z', 'M9 12l2 2 4-4'],
  settings: ['M4 6h16', 'M4 12h16', 'M4 18h16', 'M15 4v4', 'M9 10v4', 'M13 16v4'],
  help: ['M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20z', 'M9.1 9a3 3 0 0 1 5.8 1c0 2-3 3-3 3', 'M12 17h.01'],
  commands: ['M11 19a8 8 0 1 0 0-16 8 8 0 0 0 0 16z', 'M21 21l-4.3-4.3'],
  download: ['M12 3v12', 'M7 10l5 5 5-5', 'M4 17v3h16v-3'],
  upload: ['M12 15V3', 'M7 8l5-5 5 5', 'M4 17v3h16v-3'],
  sign: ['M4 20h16', 'M14.5 4.5l5 5L9 20H4v-5z'],
  play: ['M7 4l13 8-13 8z'],
  present: ['M3 4h18v12H3z', 'M8 20h8', 'M12 16v4'],
  plus: ['M12 5v14', 'M5 12h14'],
  check: ['M20 6L9 17l-5-5'],
  alert: ['M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20z', 'M12 8v4', 'M12 16h.01'],
  close: ['M18 6L6 18', 'M6 6l12 12'],
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      {PATHS[name].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}
