// Worker entry: registers tsx in this thread (loader hooks are per thread on Node 20), then runs the TS worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
