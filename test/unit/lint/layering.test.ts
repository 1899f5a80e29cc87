// The layering rules of STYLE.md are lint errors: these tests feed ESLint code that breaks each rule, as
// if it were a file in the layer, and expect `no-restricted-imports` to fail it.
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cwd = fileURLToPath(new URL('../../../', import.meta.url));
const eslint = new ESLint({ cwd });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the layering rules', () => {
  it('refuse electron in native/**', async () => {
    expect(await restrictedImports('native/card/example.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
  });

  it('refuse a driver or simulator import in the card stack', async () => {
    const code = "import { PcscCardReader } from '../drivers/pcsc/pcsc-card-reader.ts';\nexport const r = PcscCardReader;\n";
    expect(await restrictedImports('native/card/example.ts', code)).toHaveLength(1);
    expect(await restrictedImports('native/card/example.ts', "import pcsc from 'pcsclite';\nexport const p = pcsc;\n")).toHaveLength(1);
  });

  it('refuse concrete drivers in native/hal, which holds interfaces only', async () => {
    const code = "import { SimCardReader } from '../sim/sim-card-reader.ts';\nexport const r = SimCardReader;\n";
    expect(await restrictedImports('native/hal/example.ts', code)).toHaveLength(1);
  });

  it('refuse a static import of a native device module in a driver (they load lazily)', async () => {
    expect(await restrictedImports('native/drivers/pcsc/example.ts', "import pcsc from 'pcsclite';\nexport const p = pcsc;\n")).toHaveLength(1);
    expect(await restrictedImports('native/drivers/pcsc/example.ts', "import type { SerialPort } from 'serialport';\nexport type P = SerialPort;\n")).toHaveLength(0);
  });

  it('refuse electron in the core and anything but the contract in the renderer', async () => {
    expect(await restrictedImports('electron/core/example.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    const code = "import { readDocument } from '../native/card/reader/document-reader.ts';\nexport const r = readDocument;\n";
    expect(await restrictedImports('renderer/example.ts', code)).toHaveLength(1);
  });

  it('accept the imports each layer is allowed', async () => {
    const code = "import { CardError } from '../errors.ts';\nexport const e = CardError;\n";
    expect(await restrictedImports('native/card/reader/example.ts', code)).toHaveLength(0);
  });
});
