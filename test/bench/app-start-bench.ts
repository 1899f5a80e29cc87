// Bench section `app-start`: cold start of the kiosk to its first screen, as the browser shell starts it.
// Each run spawns `node bin/kiosk.mjs start --no-browser` (demo profile, hospital flow, a fresh data
// dir: new store, key and central-simulator folder), times its one stdout line `kiosk: ready <url>`,
// then opens the url in a fresh page of a Chromium launched once beforehand, until the welcome screen
// (`main[data-screen="welcome"]`) is visible; then stops the kiosk with SIGTERM (it must exit 0).
// In-page times (navigation start = 0) split the page's share: the document loaded, the renderer's
// `connecting` screen, the welcome screen after the contract's hello and first snapshot.
// One unmeasured start first: it fills tsx's transform cache, as an installed kiosk has its code built;
// every measured start is a new process with a cold module graph.
// Goal: spawn to the first screen under 5 s on this 2-core machine.

import type { Browser } from '@playwright/test';
import { KioskProcess } from '../e2e/support/kiosk-process.ts';
import { freshPage, launchBenchBrowser, requireBuiltRenderer } from './app/bench-browser.ts';
import { takeTimeline } from './app/page-timeline.ts';
import type { BenchGoal, BenchSection } from './bench-section.ts';
import { formatTable, median } from './text-table.ts';

const FIRST_SCREEN_GOAL_MS = 5000;
const MAX_RUNS = 5;

interface StartSample {
  readonly spawnToReadyMs: number;
  readonly readyToWelcomeMs: number;
  readonly spawnToWelcomeMs: number;
  /** In the page, from navigation start. */
  readonly domContentLoadedMs: number;
  readonly connectingMs: number;
  readonly welcomeMs: number;
  readonly stopMs: number;
}

async function startOnce(browser: Browser): Promise<StartSample> {
  const { context, page } = await freshPage(browser);
  try {
    const spawned = performance.now();
    const kiosk = await KioskProcess.start({ flow: 'hospital' });
    const ready = performance.now();
    let welcome: number;
    try {
      await page.goto(kiosk.url);
      await page.locator('main[data-screen="welcome"]').waitFor({ state: 'visible', timeout: 30_000 });
      welcome = performance.now();
    } catch (error) {
      await kiosk.stop().catch(() => undefined);
      throw error;
    }
    const timeline = await takeTimeline(page);
    await context.close();
    const stopping = performance.now();
    await kiosk.stop();
    const stopMs = performance.now() - stopping;
    const at = (screen: string) => timeline.screens.find((s) => s.screen === screen)?.t ?? Number.NaN;
    return {
      spawnToReadyMs: ready - spawned,
      readyToWelcomeMs: welcome - ready,
      spawnToWelcomeMs: welcome - spawned,
      domContentLoadedMs: timeline.domContentLoadedAt ?? Number.NaN,
      connectingMs: at('connecting'),
      welcomeMs: at('welcome'),
      stopMs,
    };
  } finally {
    await context.close().catch(() => undefined);
  }
}

const ms = (n: number) => (Number.isNaN(n) ? '-' : n.toFixed(0));

export const appStartBench: BenchSection = {
  name: 'app-start',
  title: 'kiosk cold start to the first screen: `kiosk start --no-browser` (demo) + headless Chromium',
  async run(options) {
    requireBuiltRenderer();
    const runs = Math.min(options.runs, MAX_RUNS);
    const browser = await launchBenchBrowser();
    const samples: StartSample[] = [];
    try {
      options.log(`  1 unmeasured start, then ${runs} measured (each a new process with a fresh data dir; the browser is launched once)`);
      await startOnce(browser);
      for (let i = 0; i < runs; i++) samples.push(await startOnce(browser));
    } finally {
      await browser.close();
    }
    const col = (pick: (s: StartSample) => number) => samples.map(pick);
    const row = (label: string, values: number[]) => [label, ms(median(values)), ms(Math.min(...values)), ms(Math.max(...values))];
    options.log(
      '\n' +
        formatTable(
          [{ header: 'interval', align: 'left' }, { header: 'median ms' }, { header: 'min ms' }, { header: 'max ms' }],
          [
            row('spawn -> `kiosk: ready` line', col((s) => s.spawnToReadyMs)),
            row('ready -> welcome visible', col((s) => s.readyToWelcomeMs)),
            row('spawn -> welcome visible (first screen)', col((s) => s.spawnToWelcomeMs)),
            row('  in page: navigation -> DOMContentLoaded', col((s) => s.domContentLoadedMs)),
            row('  in page: navigation -> `connecting` screen', col((s) => s.connectingMs)),
            row('  in page: navigation -> welcome screen', col((s) => s.welcomeMs)),
            row('SIGTERM -> exit 0', col((s) => s.stopMs)),
          ],
        ),
    );
    const first = median(col((s) => s.spawnToWelcomeMs));
    const goals: BenchGoal[] = [
      {
        goal: `first screen under ${FIRST_SCREEN_GOAL_MS / 1000} s from spawn (2-core machine, ${runs} runs)`,
        met: first < FIRST_SCREEN_GOAL_MS,
        detail: `median ${ms(first)} ms = ${ms(median(col((s) => s.spawnToReadyMs)))} ms to the ready line + ${ms(median(col((s) => s.readyToWelcomeMs)))} ms to the welcome screen`,
      },
    ];
    return goals;
  },
};
