#!/usr/bin/env node
// The `kiosk` command: technicians' and developers' CLI. TypeScript sources run through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/core/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
