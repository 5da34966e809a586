/**
 * Security settings of the Electron host, kept apart from the Electron calls so they are testable and reviewed in
 * one place. The renderer gets no Node, runs sandboxed and isolated, and may load only its own bundled files.
 */
export const APP_SCHEME = 'station';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

export const secureWebPreferences = (preloadPath: string) =>
  ({
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    spellcheck: false,
    // Alert sounds must play from the first error of the shift, before anyone has touched the screen.
    autoplayPolicy: 'no-user-gesture-required',
  }) as const;

/** Only the app's own pages may be shown; anything else (a scanned URL, a link in a label) is refused. */
export const isAppUrl = (url: string): boolean => {
  try {
    return new URL(url).origin === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`);
  } catch {
    return false;
  }
};
