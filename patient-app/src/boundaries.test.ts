/** The patient app's import boundary of eslint.config.js holds: of the project it reaches only main/api/patient-contract. */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

async function problems(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: process.cwd() });
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe("the patient app's imports", () => {
  it('may import the patient contract', async () => {
    expect(await problems('patient-app/src/x.ts', "import type { PatientOutput } from '../../main/api/patient-contract';\nexport type A = PatientOutput<'portal.me'>;\n")).toEqual([]);
    expect(await problems('patient-app/src/screens/x.tsx', "import { patientProcedures } from '../../../main/api/patient-contract';\nexport const a = patientProcedures;\n")).toEqual([]);
  });

  it('may not import the staff contract, the domain, the hub, the renderer or electron', async () => {
    const refused = [
      "import { procedures } from '../../main/api/contract';\nexport const a = procedures;\n",
      "import { DomainError } from '../../main/domain/errors';\nexport const a = DomainError;\n",
      "import { startPortalServer } from '../../main/hub/portal/server';\nexport const a = startPortalServer;\n",
      "import { App } from '../../renderer/src/App';\nexport const a = App;\n",
      "import { app } from 'electron';\nexport const a = app;\n",
    ];
    for (const code of refused) expect(await problems('patient-app/src/x.ts', code), code).toEqual(['no-restricted-imports']);
  });
});
