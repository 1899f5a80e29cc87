// Strips across the top of the screen for conditions the person should know about (offline, a device
// restarting, printer paper low, demo mode), in the person's language.

import type { Banner, Language } from '../../../electron/contract/index.ts';
import { localized } from '../i18n/localize.ts';

export function Banners({ banners, language }: { readonly banners: readonly Banner[]; readonly language: Language }) {
  if (banners.length === 0) return null;
  return (
    <div className="banners">
      {banners.map((banner) => (
        <p key={banner.kind} className={`banner banner-${banner.kind}`} data-banner={banner.kind} role="status">
          <span className="banner-icon" aria-hidden="true">
            {banner.kind === 'demo' ? 'DEMO' : '!'}
          </span>
          {localized(banner.message, language)}
        </p>
      ))}
    </div>
  );
}
