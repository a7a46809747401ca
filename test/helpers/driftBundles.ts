import { BundleCopy } from './bundleCopies';

const MiB = 1024 * 1024;

/**
 * The example bundle with reference and current repeated to about `mib` MiB each, so that
 * each is read in several pieces; with `noise`, a feature of seeded random digits, so that
 * a zip of it stays about as large as its files.
 */
export function driftBundle(mib: number, noise = false): BundleCopy {
  const copy = new BundleCopy();
  let seed = 14;
  const digits = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return (seed / 2 ** 31).toFixed(9);
  };
  for (const name of ['reference.csv', 'current.csv']) {
    copy.editCsv(name, ([header, ...rows]) => {
      const out = [noise ? `${header},noise` : (header as string)];
      for (let size = 0, i = 0; size < mib * MiB; i += 1) {
        const row = noise ? `${rows[i % rows.length]},${digits()}` : (rows[i % rows.length] as string);
        out.push(row);
        size += row.length + 1;
      }
      return out;
    });
  }
  return copy;
}
