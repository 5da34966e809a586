import { createInterface } from 'node:readline';

/** The first line of stdin ('' when it is empty): secrets come this way, never as arguments a process list shows. */
export async function firstLineOfStdin(): Promise<string> {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}
