// The hub as the bench runs it: hub.json loaded and the hub started as the product does it, bundled by esbuild into
// its own folder (the flags of `npm run build:cli`) so the hub runs compiled code and no TypeScript loader sits in
// its memory. SIGTERM stops it the way the product's stop does (stations let go, writes drained, store closed).
import { loadHubConfigFile } from '../../../main/hub/hub-config';
import { startHub } from '../../../main/hub/hub.host';

const config = process.argv[process.argv.indexOf('--config') + 1];
if (!config) throw new Error('usage: hub-main hub --config <hub.json>');
const hub = await startHub(loadHubConfigFile(config));
process.once('SIGTERM', () => void hub.stop().then(() => process.exit(0)));
