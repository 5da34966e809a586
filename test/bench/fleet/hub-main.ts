// The `station` command as the bench bundles it (like `npm run build:cli`, into its own folder so a bench run never
// replaces the bundle other runs use): the hub runs the product's compiled code, not TypeScript compiled at start.
import { main } from '../../../main/cli/station.cli';

process.exitCode = await main(process.argv.slice(2));
