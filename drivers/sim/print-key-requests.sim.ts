import { DelimiterSplitter } from '../serial/delimiter-splitter';
import type { SimulatedScale } from './scale-responder.sim';

/**
 * The request side that Adam and Ohaus-style scales share: one command a line, `Z` and `T` zero and tare without
 * an answer (as the keys on the scale do), the print command answers with what `print` gives (nothing while the
 * display shows an error), anything else is ignored.
 */
export class PrintKeyRequests {
  private readonly requests: DelimiterSplitter;

  constructor(
    private readonly scale: SimulatedScale,
    private readonly printCommand: string,
    delimiter: string,
  ) {
    this.requests = new DelimiterSplitter({ delimiter: Buffer.from(delimiter), maxLength: 32, printableOnly: true });
  }

  push(chunk: Buffer, print: () => Buffer | null): Buffer[] {
    const replies: Buffer[] = [];
    for (const request of this.requests.push(chunk)) {
      const command = request.toString('latin1').trim();
      if (command === 'Z') this.scale.zero();
      else if (command === 'T') this.scale.tare();
      else if (command === this.printCommand) {
        const line = print();
        if (line) replies.push(line);
      }
    }
    return replies;
  }
}
