/**
 * Keyboard-wedge scanners in Debian's Chromium: key bursts typed by playwright-core at scanner speed (5 ms a key)
 * and at human speed (120 ms), against the real renderer build served by the headless host.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { Channel, ChannelReq, ChannelRes, UiSettings } from '../../../app/ipc/contract';
import type { UiServer } from '../../../main/headless/ui.server';
import { chromiumUiPerFile } from './chromium-ui';
import { FakeStationCore, sampleView } from './station-core.fake';

/** The fake core plus the settings channel the wedge hook asks for once. */
class WedgeCore extends FakeStationCore {
  settingsRequests = 0;
  // 200 ms rather than the default 35: a loaded 2-core CI box (load ~8 seen) stretches CDP's 5 ms key gaps past
  // 60 ms; the test checks the behaviour, not a real scanner's timing. Human typing here is 700 ms per key.
  readonly wedge: UiSettings['wedge'] = { enabled: true, maxInterKeyMs: 200, minLength: 4 };

  override async handle<C extends Channel>(channel: C, req: ChannelReq<C>): Promise<ChannelRes<C>> {
    if (channel === 'ui:settings') {
      this.settingsRequests++;
      return { stationId: 'bench-07', wedge: this.wedge, language: 'en', weightUnits: 'metric', feedback: { volume: 0.8, muted: false } } as ChannelRes<C>;
    }
    return super.handle(channel, req);
  }
}

/** A dist built before the hook existed would fail every test here for a confusing reason. */
function assertBuildHasWedge(staticDir: string): void {
  const assets = join(staticDir, 'assets');
  const bundles = readdirSync(assets).filter((file) => file.endsWith('.js'));
  if (!bundles.some((file) => readFileSync(join(assets, file), 'utf8').includes('data-scan-field'))) {
    throw new Error('renderer/dist predates the keyboard-wedge hook: run `npm run build:renderer`');
  }
}

const SCANNER_MS = 5;
const HUMAN_MS = 700;
const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

let core: WedgeCore;
let server: UiServer;
let page: Page;
const uiTest = chromiumUiPerFile({ name: 'keyboard-wedge', core: () => new WedgeCore(), checkBuild: assertBuildHasWedge }, (ui) => {
  ({ core, server, page } = ui);
});

beforeEach(async () => {
  core.view = sampleView();
  core.scans.length = 0;
  core.settingsRequests = 0;
  await page.goto(server.url);
  await page.getByTestId('picking-name').waitFor();
  await expect.poll(() => core.settingsRequests).toBe(1);
});

/** An ordinary text field, as a notes or search box would be; the packer screen has none of its own. */
async function addNotesField(value = ''): Promise<void> {
  await page.evaluate((initial) => {
    const input = document.createElement('input');
    input.type = 'text';
    input.id = 'notes';
    input.value = initial;
    document.body.prepend(input);
  }, value);
  await page.focus('#notes');
  await page.evaluate(() => {
    const input = document.querySelector<HTMLInputElement>('#notes');
    input?.setSelectionRange(input.value.length, input.value.length);
  });
}

describe('keyboard-wedge scanner in Chromium', () => {
  uiTest('a fast burst with focus on the page body becomes exactly one scan', async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    await page.keyboard.type('CHAIR-001\n', { delay: SCANNER_MS });
    await expect.poll(() => core.scans).toEqual(['CHAIR-001']);
    await settle();
    expect(core.scans).toEqual(['CHAIR-001']);
    expect(await page.getByTestId('scan-input').inputValue()).toBe('');
  });

  uiTest('a fast burst into an ordinary text field is taken out of it and delivered as a scan', async () => {
    await addNotesField('fragile');
    await page.keyboard.type('LAMP-002\n', { delay: SCANNER_MS });
    await expect.poll(() => core.scans).toEqual(['LAMP-002']);
    expect(await page.inputValue('#notes')).toBe('fragile');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('notes');
  });

  uiTest('slow typing into a text field stays there and is no scan, Enter included', async () => {
    await addNotesField();
    await page.keyboard.type('LAMP-002\n', { delay: HUMAN_MS });
    await settle();
    expect(await page.inputValue('#notes')).toBe('LAMP-002');
    expect(core.scans).toEqual([]);
  });

  uiTest('the scan field still sends typed codes on Enter, once, whatever the speed', async () => {
    await page.getByTestId('scan-input').focus();
    await page.keyboard.type('CHAIR-001\n', { delay: HUMAN_MS / 4 });
    await page.keyboard.type('LAMP-002\n', { delay: SCANNER_MS });
    await expect.poll(() => core.scans).toEqual(['CHAIR-001', 'LAMP-002']);
    await settle();
    expect(core.scans).toEqual(['CHAIR-001', 'LAMP-002']);
  });
});
