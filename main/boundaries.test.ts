/**
 * The process and layer boundaries eslint.config.js holds, tried with the project's own lint
 * configuration on code that crosses each one (and on code that does not).
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer boundaries', () => {
  it('main/station never imports main/hub', async () => {
    expect(await restricted('main/station/x.ts', "import type { HubStore } from '../hub/store';\nexport type X = HubStore;\n"))
      .toEqual([expect.stringContaining('main/station must not import main/hub')]);
    expect(await restricted('main/station/services/x.ts', "import { hubHandlers } from '../../hub/handlers';\nexport const h = hubHandlers;\n"))
      .toHaveLength(1);
    expect(await restricted('main/station/services/x.ts', "import { clinicToday } from './patients-fields';\nexport const c = clinicToday;\n")).toEqual([]);
  });

  it('the hub may use the station (it runs its own admin station)', async () => {
    expect(await restricted('main/hub/x.ts', "import { Station } from '../station/station';\nexport const S = Station;\n")).toEqual([]);
  });

  it('db/ imports only pure rules from main/domain: no generator or service lives there', async () => {
    expect(await restricted('db/x.ts', "import { createDemoClinic } from '../main/demo/index';\nexport const d = createDemoClinic;\n")).toHaveLength(1);
    expect(await restricted('db/schema/x.ts', "import { dispatch } from '../../main/station/dispatch';\nexport const d = dispatch;\n")).toHaveLength(1);
    expect(await restricted('db/schema/x.ts', "import { ROLES } from '../../main/domain/enums';\nexport const r = ROLES;\n")).toEqual([]);
  });

  it('nothing under main/ imports Electron, in the station too', async () => {
    expect(await restricted('main/station/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await restricted('main/hub/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
  });

  it('the renderer reaches main/ only through the API contract', async () => {
    expect(await restricted('renderer/src/x.ts', "import { dispatch } from '../../main/station/dispatch';\nexport const d = dispatch;\n")).toHaveLength(1);
    expect(await restricted('renderer/src/x.ts', "import type { ProcedureName } from '../../main/api/contract';\nexport type P = ProcedureName;\n")).toEqual([]);
  });
});
