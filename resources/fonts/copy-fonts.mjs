// Copies the CJK font weights the printed documents use from the registry package
// (@expo-google-fonts/noto-sans-sc, SIL Open Font License) into resources/fonts/.
// Plain Node ESM, no dependencies; idempotent: a font already present with the same size is
// left alone. Run by `npm install` (postinstall) and by `npm run fonts`.
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const pkg = join(root, 'node_modules', '@expo-google-fonts', 'noto-sans-sc');

const FONTS = [
  ['400Regular', 'NotoSansSC_400Regular.ttf', 'NotoSansSC-Regular.ttf'],
  ['700Bold', 'NotoSansSC_700Bold.ttf', 'NotoSansSC-Bold.ttf'],
];

if (!existsSync(pkg)) {
  // Installing without the font package (e.g. --omit of something) must not fail the install.
  console.warn(`copy-fonts: ${pkg} not found; printed documents will need the fonts later (npm run fonts).`);
  process.exit(0);
}

mkdirSync(here, { recursive: true });
let copied = 0;
for (const [dir, file, target] of FONTS) {
  const from = join(pkg, dir, file);
  const to = join(here, target);
  if (!existsSync(from)) {
    console.warn(`copy-fonts: missing ${from}`);
    process.exitCode = 1;
    continue;
  }
  if (existsSync(to) && statSync(to).size === statSync(from).size) continue;
  copyFileSync(from, to);
  copied++;
}
// Licence travels with the font files.
const licence = join(pkg, 'LICENSE_FONT');
const licenceTo = join(here, 'OFL.txt');
if (existsSync(licence) && !existsSync(licenceTo)) copyFileSync(licence, licenceTo);

console.log(copied ? `copy-fonts: copied ${copied} font(s) into ${here}` : 'copy-fonts: fonts already present');
