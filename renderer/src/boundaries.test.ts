/** The process boundaries of eslint.config.js hold (a broken rule would let every import through). */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

async function problems(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: process.cwd() });
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('import boundaries', () => {
  it('lets the renderer import main/api/contract and nothing else of main/', async () => {
    expect(await problems('renderer/src/x.ts', "import { procedures } from '../../main/api/contract';\nexport const a = procedures;\n")).toEqual([]);
    expect(await problems('renderer/src/x.ts', "import { DomainError } from '../../main/domain/errors';\nexport const a = DomainError;\n")).toEqual(['no-restricted-imports']);
    expect(await problems('renderer/src/a/b.tsx', "import type { Station } from '../../../main/station/station';\nexport type A = Station;\n")).toEqual(['no-restricted-imports']);
  });

  it('keeps electron out of main/', async () => {
    expect(await problems('main/web/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual(['no-restricted-imports']);
    expect(await problems('electron/main/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
  });
});
