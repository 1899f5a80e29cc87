// The crash screen's preload (sandboxed; bundled to out/preload/crash-screen.cjs). It exposes
// `window.kioskCrash` and nothing else.

import { contextBridge, ipcRenderer } from 'electron';
import { createCrashScreenBridge, type CrashBridgeIpc } from './crash-screen-bridge.ts';

contextBridge.exposeInMainWorld('kioskCrash', createCrashScreenBridge(ipcRenderer as unknown as CrashBridgeIpc));
