// The kiosk window's preload (sandboxed; bundled to one CommonJS file). It exposes `window.kiosk` and
// nothing else: never ipcRenderer, never a Node API.

import { contextBridge, ipcRenderer } from 'electron';
import { createKioskBridge, type BridgeIpc } from './kiosk-bridge.ts';

contextBridge.exposeInMainWorld('kiosk', createKioskBridge(ipcRenderer as unknown as BridgeIpc));
