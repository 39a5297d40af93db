// Builds the embeddable chat widget into web/widget/dist/widget.js (one self-contained script),
// and copies it into the web app's dist folder, which the server serves at /widget.js.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const outfile = here('./dist/widget.js');
await build({
  entryPoints: [here('./src/widget.ts')],
  outfile,
  bundle: true,
  format: 'iife',
  target: ['es2020'],
  minify: true,
  sourcemap: false,
  legalComments: 'none',
});
const webDist = here('../dist');
if (!existsSync(webDist)) mkdirSync(webDist, { recursive: true });
copyFileSync(outfile, here('../dist/widget.js'));
console.log(`widget built: ${outfile} (also web/dist/widget.js)`);
