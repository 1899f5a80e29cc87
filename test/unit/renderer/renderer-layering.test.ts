// The renderer's place in the layering (STYLE.md rule 8), for .tsx as well as .ts: it imports only the
// contract; its vite.config.ts is build tooling and may use node:.

import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cwd = fileURLToPath(new URL('../../../', import.meta.url));
const eslint = new ESLint({ cwd });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const fatal = (result?.messages ?? []).filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(`could not parse: ${fatal.map((m) => m.message).join('; ')}`);
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the renderer layering', () => {
  it('parses JSX in .tsx and accepts the contract', async () => {
    const code = "import { CONTRACT_VERSION } from '../../electron/contract/index.ts';\nexport const V = () => <p>{CONTRACT_VERSION}</p>;\n";
    expect(await restrictedImports('renderer/src/example.tsx', code)).toEqual([]);
  });

  it('refuses the core, native code, node: and electron in a .tsx component', async () => {
    const cases = [
      "import { startKioskCore } from '../../electron/core/app/start-kiosk-core.ts';\nexport const C = () => <p>{String(startKioskCore)}</p>;\n",
      "import { readDocument } from '../../native/card/reader/document-reader.ts';\nexport const C = () => <p>{String(readDocument)}</p>;\n",
      "import { readFileSync } from 'node:fs';\nexport const C = () => <p>{String(readFileSync)}</p>;\n",
      "import { ipcRenderer } from 'electron';\nexport const C = () => <p>{String(ipcRenderer)}</p>;\n",
    ];
    for (const code of cases) expect(await restrictedImports('renderer/src/example.tsx', code)).toHaveLength(1);
  });

  it('lets vite.config.ts use node: but not electron', async () => {
    expect(await restrictedImports('renderer/vite.config.ts', "import { fileURLToPath } from 'node:url';\nexport const f = fileURLToPath;\n")).toEqual([]);
    expect(await restrictedImports('renderer/vite.config.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
  });
});
