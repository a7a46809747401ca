/**
 * Whether a process with this id is running on this machine: signal 0 checks without
 * sending anything. EPERM means it runs as another user, which is still alive.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
