import { describe, expect, it } from 'vitest';
import { ConfigProvenance, mergeConfigLayer } from '../../../../../electron/core/config/config-merge.ts';
import { resolveLayerPaths } from '../../../../../electron/core/config/config-paths.ts';

describe('mergeConfigLayer', () => {
  it('merges mappings field by field, replaces lists and scalars, and removes what is null', () => {
    const base = { a: { b: 1, c: [1, 2], d: { e: 'x' } }, f: 'keep' };
    const merged = mergeConfigLayer(base, { a: { b: 2, c: [3], d: null } }, 'site.yaml', new ConfigProvenance());
    expect(merged).toEqual({ a: { b: 2, c: [3] }, f: 'keep' });
    expect(base).toEqual({ a: { b: 1, c: [1, 2], d: { e: 'x' } }, f: 'keep' });
  });

  it('remembers the layer that set each value', () => {
    const provenance = new ConfigProvenance();
    const base = mergeConfigLayer({}, { store: { dataDir: '/a', retention: { personalDataDays: 7 } } }, 'base.yaml', provenance);
    expect(mergeConfigLayer(base, { store: { retention: { personalDataDays: 1 } } }, 'site.yaml', provenance)).toEqual({ store: { dataDir: '/a', retention: { personalDataDays: 1 } } });
    expect(provenance.originOf(['store', 'dataDir'])).toBe('base.yaml');
    expect(provenance.originOf(['store', 'retention', 'personalDataDays'])).toBe('site.yaml');
    expect(provenance.originOf(['devices', 0, 'id'])).toBeUndefined();
  });

  it('gives a list item the origin of the list', () => {
    const provenance = new ConfigProvenance();
    mergeConfigLayer({}, { devices: [{ id: 'a' }] }, 'site.yaml', provenance);
    expect(provenance.originOf(['devices', 0, 'id'])).toBe('site.yaml');
  });
});

describe('resolveLayerPaths', () => {
  it('makes the relative path settings absolute against the folder, and nothing else', () => {
    const layer = {
      store: { dataDir: 'data', key: { provider: 'file', path: '/abs/store.key' } },
      centralService: { signingKeyFile: 'keys/k.pem', url: 'relative/not-a-path' },
      devices: [{ id: 'printer', transport: { type: 'serial', path: 'ttyUSB0' } }],
    };
    const resolved = resolveLayerPaths(layer, '/etc/kiosk');
    expect(resolved).toEqual({
      store: { dataDir: '/etc/kiosk/data', key: { provider: 'file', path: '/abs/store.key' } },
      centralService: { signingKeyFile: '/etc/kiosk/keys/k.pem', url: 'relative/not-a-path' },
      devices: [{ id: 'printer', transport: { type: 'serial', path: 'ttyUSB0' } }],
    });
    expect(layer.store.dataDir).toBe('data');
  });

  it('leaves values that are not text for the schema to report', () => {
    expect(resolveLayerPaths({ store: { dataDir: 42 }, logging: 'loud' }, '/etc/kiosk')).toEqual({ store: { dataDir: 42 }, logging: 'loud' });
  });
});
