import { expect, it } from 'vitest';
import { PeopleConfigSchema } from '../../../app/domain/station-people-config.schema';
import { runPeople } from '../../../main/cli/people.command';
import { pinMatches } from '../../../sync/people/pin-hash';

it('`station people pin` prints a hash the config takes and the PIN matches, never the PIN itself', async () => {
  let out = '';
  expect(await runPeople(['pin'], { env: {}, readPin: async () => '48151623\n', stdout: (t) => (out += t) })).toBe(0);
  const hash = out.split('\n')[0]!;
  expect(PeopleConfigSchema.parse({ supervisorPinHash: hash }).supervisorPinHash).toBe(hash);
  expect(pinMatches('48151623', hash)).toBe(true);
  expect(pinMatches('48151624', hash)).toBe(false);
  expect(out).not.toContain('48151623');
  expect(out).toContain(`"people": { "supervisorPinHash": "${hash}" }`);
});

it('takes STATION_PIN first and refuses what is no PIN', async () => {
  let out = '';
  await runPeople(['pin'], { env: { STATION_PIN: '2468' }, readPin: async () => '9999', stdout: (t) => (out += t) });
  expect(pinMatches('2468', out.split('\n')[0]!)).toBe(true);
  await expect(runPeople(['pin'], { env: { STATION_PIN: '12a4' } })).rejects.toThrow(/4 to 12 digits/);
  await expect(runPeople(['pin'], { env: { STATION_PIN: '123' } })).rejects.toThrow(/4 to 12 digits/);
  await expect(runPeople(['badge'], { env: {} })).rejects.toThrow(/unknown people command/);
});
