/**
 * The Content-Security-Policy of every page of ours, on the loopback host and the app://
 * protocol alike: our own files only, no remote origin of any kind. (index.html carries
 * the same policy in a meta tag, as defence in depth where no header is set.)
 * Styles come from our stylesheet only: the UI writes no <style> element and no style
 * attribute as a string; React's style={} props are set through the CSSOM, which
 * style-src does not govern, so 'unsafe-inline' is not needed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
