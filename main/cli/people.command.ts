import { parseArgs } from 'node:util';
import { StationError } from '../../app/domain/errors';
import { hashPin } from '../../sync/people/pin-hash';
import { PEOPLE_USAGE } from './people.usage';
import { firstLineOfStdin } from './stdin-line';

export interface PeopleCommandDeps {
  stdout?: (text: string) => void;
  env?: NodeJS.ProcessEnv;
  readPin?: () => Promise<string>;
}

const PIN = /^\d{4,12}$/;

/** `station people pin`: the scrypt hash of a supervisor PIN, for the station's config file. */
export async function runPeople(args: string[], deps: PeopleCommandDeps = {}): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: {} });
  const write = deps.stdout ?? ((text: string) => process.stdout.write(text));
  if (positionals.join(' ') !== 'pin') throw new StationError('CONFIG', `unknown people command "${positionals.join(' ')}"\nusage:\n${PEOPLE_USAGE}`);
  const pin = ((deps.env ?? process.env).STATION_PIN ?? (await (deps.readPin ?? firstLineOfStdin)())).trim();
  if (!PIN.test(pin)) throw new StationError('CONFIG', 'a PIN is 4 to 12 digits (STATION_PIN or the first line of stdin)');
  const hash = hashPin(pin);
  write(`${hash}\n\nin station.json:\n  "people": { "supervisorPinHash": "${hash}" }\n`);
  return 0;
}
