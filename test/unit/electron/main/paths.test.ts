// Where the shell finds its parts, and which config an installed kiosk's core is started with: the
// site's file outside the package (/etc/kiosk, %ProgramData%\EdgeKiosk), the environment and the
// shell's arguments first, and never the demo when an installed kiosk has no config.

import { describe, expect, it } from 'vitest';
import { coreArguments, coreLaunch, shellPaths, siteLocations, type CoreLaunchInputs } from '../../../../electron/main/paths.ts';

const PACKAGED = shellPaths({ mainDir: '/opt/Edge Kiosk/resources/app.asar/out/main', appPath: '/opt/Edge Kiosk/resources/app.asar', resourcesPath: '/opt/Edge Kiosk/resources', packaged: true });
const DEVELOPMENT = shellPaths({ mainDir: '/work/main/out/main', appPath: '/work/main', resourcesPath: '/usr/lib/electron/resources', packaged: false });

function inputs(overrides: Partial<CoreLaunchInputs> & { files?: readonly string[] }): CoreLaunchInputs {
  const files = new Set(overrides.files ?? []);
  return { argv: [], env: {}, paths: PACKAGED, packaged: true, platform: 'linux', exists: (p) => files.has(p), ...overrides };
}

function started(launch: ReturnType<typeof coreLaunch>) {
  if (launch.kind !== 'start') throw new Error(`expected a start, got ${launch.kind}`);
  return launch;
}

describe('shellPaths', () => {
  it('takes the profiles from the resources folder when packaged and from the repository otherwise', () => {
    expect(PACKAGED.profileDir).toBe('/opt/Edge Kiosk/resources/config/kiosk');
    expect(DEVELOPMENT.profileDir).toBe('/work/main/config/kiosk');
  });

  it('finds the core entry, preload, crash-loop page and renderer beside the main bundle', () => {
    expect(PACKAGED).toEqual({
      coreEntry: '/opt/Edge Kiosk/resources/app.asar/out/main/core-process.js',
      coreEntryArgs: [],
      preload: '/opt/Edge Kiosk/resources/app.asar/out/preload/index.cjs',
      crashLoopPage: '/opt/Edge Kiosk/resources/app.asar/out/main/crash-loop.html',
      profileDir: '/opt/Edge Kiosk/resources/config/kiosk',
      rendererDir: '/opt/Edge Kiosk/resources/app.asar/out/renderer',
    });
  });
});

describe('shellPaths in a development checkout', () => {
  it('runs the core from its TypeScript sources through tsx, as the browser shell does (the demo fixtures stay where the sources look)', () => {
    expect(DEVELOPMENT.coreEntry).toBe('/work/main/bin/run-ts.mjs');
    expect(DEVELOPMENT.coreEntryArgs).toEqual(['/work/main/electron/core/app/core-process.ts']);
  });
});

describe('siteLocations', () => {
  it('uses /etc/kiosk and /var/lib/kiosk on Linux', () => {
    expect(siteLocations('linux', {})).toEqual({ configFile: '/etc/kiosk/kiosk.yaml', overrideFile: '/etc/kiosk/override.yaml', dataDir: '/var/lib/kiosk' });
  });

  it("uses the machine's %ProgramData%\\EdgeKiosk on Windows", () => {
    expect(siteLocations('win32', { ProgramData: 'D:\\ProgramData' })).toEqual({
      configFile: 'D:\\ProgramData\\EdgeKiosk\\kiosk.yaml',
      overrideFile: 'D:\\ProgramData\\EdgeKiosk\\override.yaml',
      dataDir: 'D:\\ProgramData\\EdgeKiosk\\data',
    });
  });

  it('falls back on C:\\ProgramData when the variable is missing', () => {
    expect(siteLocations('win32', {}).configFile).toBe('C:\\ProgramData\\EdgeKiosk\\kiosk.yaml');
  });
});

describe('coreArguments', () => {
  it("passes the shell's --profile and --config on, and nothing else it was given", () => {
    expect(coreArguments(['--profile', 'hospital', '--inspect', '9229', '--config', '/srv/k.yaml'], PACKAGED)).toEqual([
      '--profile', 'hospital', '--config', '/srv/k.yaml', '--profile-dir', '/opt/Edge Kiosk/resources/config/kiosk', '--renderer-dir', '/opt/Edge Kiosk/resources/app.asar/out/renderer',
    ]);
  });
});

describe('coreLaunch', () => {
  describe('an installed kiosk', () => {
    it('reads /etc/kiosk/kiosk.yaml and its override file when both exist', () => {
      const launch = started(coreLaunch(inputs({ files: ['/etc/kiosk/kiosk.yaml', '/etc/kiosk/override.yaml'] })));
      expect(launch.env.KIOSK_CONFIG).toBe('/etc/kiosk/kiosk.yaml');
      expect(launch.env.KIOSK_CONFIG_OVERRIDE).toBe('/etc/kiosk/override.yaml');
      expect(launch.configSource).toBe('/etc/kiosk/kiosk.yaml + /etc/kiosk/override.yaml');
    });

    it('reads the config file alone when there is no override file', () => {
      const launch = started(coreLaunch(inputs({ files: ['/etc/kiosk/kiosk.yaml'] })));
      expect(launch.env.KIOSK_CONFIG).toBe('/etc/kiosk/kiosk.yaml');
      expect(launch.env).not.toHaveProperty('KIOSK_CONFIG_OVERRIDE');
    });

    it('reads %ProgramData%\\EdgeKiosk\\kiosk.yaml on Windows', () => {
      const launch = started(coreLaunch(inputs({ platform: 'win32', env: { ProgramData: 'C:\\ProgramData' }, files: ['C:\\ProgramData\\EdgeKiosk\\kiosk.yaml'] })));
      expect(launch.env.KIOSK_CONFIG).toBe('C:\\ProgramData\\EdgeKiosk\\kiosk.yaml');
    });

    it('does not start the core, and names the file to create, when there is no config', () => {
      expect(coreLaunch(inputs({ files: [] }))).toEqual({ kind: 'config-missing', expected: '/etc/kiosk/kiosk.yaml' });
      expect(coreLaunch(inputs({ platform: 'win32', env: { ProgramData: 'C:\\ProgramData' } }))).toEqual({ kind: 'config-missing', expected: 'C:\\ProgramData\\EdgeKiosk\\kiosk.yaml' });
    });

    it('does not fall back on the demo profile shipped in the resources folder', () => {
      const launch = coreLaunch(inputs({ files: ['/opt/Edge Kiosk/resources/config/kiosk/demo.yaml'] }));
      expect(launch.kind).toBe('config-missing');
    });

    it('lets KIOSK_CONFIG and KIOSK_CONFIG_OVERRIDE from the environment win over the site files', () => {
      const env = { KIOSK_CONFIG: '/srv/kiosk/a.yaml', KIOSK_CONFIG_OVERRIDE: '/srv/kiosk/b.yaml', KIOSK_DATA_DIR: '/srv/kiosk/data' };
      const launch = started(coreLaunch(inputs({ env, files: ['/etc/kiosk/kiosk.yaml', '/etc/kiosk/override.yaml'] })));
      expect(launch.env).toMatchObject(env);
      expect(launch.configSource).toBe('/srv/kiosk/a.yaml');
    });

    it('adds the site override file when KIOSK_CONFIG names the site file itself (the systemd unit)', () => {
      const launch = started(coreLaunch(inputs({ env: { KIOSK_CONFIG: '/etc/kiosk/kiosk.yaml' }, files: ['/etc/kiosk/kiosk.yaml', '/etc/kiosk/override.yaml'] })));
      expect(launch.env.KIOSK_CONFIG_OVERRIDE).toBe('/etc/kiosk/override.yaml');
      expect(coreLaunch(inputs({ env: { KIOSK_CONFIG: '/etc/kiosk/kiosk.yaml' } }))).toEqual({ kind: 'config-missing', expected: '/etc/kiosk/kiosk.yaml' });
    });

    it('keeps an override from the environment over the site override file', () => {
      const launch = started(coreLaunch(inputs({ env: { KIOSK_CONFIG_OVERRIDE: '/tmp/o.yaml' }, files: ['/etc/kiosk/kiosk.yaml', '/etc/kiosk/override.yaml'] })));
      expect(launch.env.KIOSK_CONFIG).toBe('/etc/kiosk/kiosk.yaml');
      expect(launch.env.KIOSK_CONFIG_OVERRIDE).toBe('/tmp/o.yaml');
    });

    it("lets the shell's --config argument win, passing it to the core as an argument", () => {
      const launch = started(coreLaunch(inputs({ argv: ['--config', '/media/usb/kiosk.yaml'], files: ['/etc/kiosk/kiosk.yaml'] })));
      expect(launch.args.slice(0, 2)).toEqual(['--config', '/media/usb/kiosk.yaml']);
      expect(launch.env).not.toHaveProperty('KIOSK_CONFIG');
    });

    it('starts a profile named by KIOSK_PROFILE even without a site file (a technician asked for it)', () => {
      const launch = started(coreLaunch(inputs({ env: { KIOSK_PROFILE: 'hospital' } })));
      expect(launch.configSource).toBe('hospital');
      expect(launch.env.KIOSK_PROFILE).toBe('hospital');
    });

    it("does not change the shell's own environment object", () => {
      const env = { PATH: '/usr/bin' };
      coreLaunch(inputs({ env, files: ['/etc/kiosk/kiosk.yaml'] }));
      expect(env).toEqual({ PATH: '/usr/bin' });
    });
  });

  describe('a development run', () => {
    it('starts the demo profile from the repository when nothing is named', () => {
      const launch = started(coreLaunch(inputs({ packaged: false, paths: DEVELOPMENT, files: ['/etc/kiosk/kiosk.yaml'] })));
      expect(launch.configSource).toBe('demo');
      expect(launch.env).not.toHaveProperty('KIOSK_CONFIG');
      expect(launch.args).toEqual(['--profile-dir', '/work/main/config/kiosk', '--renderer-dir', '/work/main/out/renderer']);
    });
  });
});
