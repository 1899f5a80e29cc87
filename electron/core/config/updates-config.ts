// The `updates` section: whether the Electron shell updates itself from the hospital's own update
// server (electron-updater's generic provider: a folder over HTTPS holding latest-linux.yml /
// latest.yml and the installers electron-builder wrote). Off by default: a kiosk changes only when its
// IT decides. When on, the shell checks at start and every `checkHours`, downloads in the background and
// installs only while nobody is using the kiosk (electron/main/auto-update.ts).
//
//   updates:
//     enabled: true
//     url: https://updates.benhvien.example.vn/kiosk/
//     channel: latest          # or beta: the files latest.yml / beta.yml on the server
//     checkHours: 6
//     quietHour: 3             # install only between 03:00 and 03:59 (on an idle welcome screen)

import { z } from 'zod';
import { strictSection } from './config-schema-parts.ts';

/** An http(s) URL without credentials: a user:password in the URL would end up in logs and reports. */
const UpdateUrlSchema = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  .max(2048)
  .refine((u) => {
    const parsed = new URL(u);
    return parsed.username === '' && parsed.password === '';
  }, { error: 'must not contain a user name or password' });

export const UpdatesSectionSchema = strictSection({
  enabled: z.boolean().default(false),
  /** The generic provider's base URL; required when enabled. */
  url: UpdateUrlSchema.optional(),
  /** electron-builder's channel name: which `<channel>.yml` the server is asked for. */
  channel: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,31}$/, { error: 'must be lowercase letters, digits or -, e.g. latest or beta' })
    .default('latest'),
  /** Hours between checks after the one at start. */
  checkHours: z.number().min(1).max(24 * 7).default(6),
  /**
   * An hour of the day (0-23, the kiosk's local time): when set, a downloaded update is installed only
   * in that hour (and still only on an idle welcome screen); without it, at any idle moment.
   */
  quietHour: z.int().min(0).max(23).optional(),
  /** How long the welcome screen must have been shown, untouched, before an install. */
  idleMinutes: z.number().min(1).max(120).default(5),
}).superRefine((section, ctx) => {
  if (section.enabled && section.url === undefined) {
    ctx.addIssue({ code: 'custom', path: ['url'], message: 'is required when updates.enabled is true (the update server, e.g. https://updates.example.vn/kiosk/)', input: undefined });
  }
});

export type UpdatesConfig = z.infer<typeof UpdatesSectionSchema>;
