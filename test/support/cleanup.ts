import { afterEach } from 'vitest';

export type CleanupStep = () => Promise<void> | void;

/**
 * Steps a test pushes to undo what it opened (ports, socat, simulators, child processes). They run after each test,
 * newest first; a failing step must not keep the later ones from running, or a port stays busy for the next test.
 */
export function cleanupAfterEach(): CleanupStep[] {
  const steps: CleanupStep[] = [];
  afterEach(async () => {
    for (const fn of steps.splice(0).reverse()) await Promise.resolve(fn()).catch(() => {});
  });
  return steps;
}
