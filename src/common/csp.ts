/**
 * The Content-Security-Policy of the pages this server serves (the GraphQL IDE, the story explorer): everything
 * comes from this server. Styles may be inline because GraphiQL inserts <style> elements as it renders and
 * Cytoscape sets style attributes on its canvas; scripts may not.
 */
export const SAME_ORIGIN_ONLY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
