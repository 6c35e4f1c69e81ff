import type { NextFunction, Request, Response } from 'express';

/**
 * The web app (dist/web) loads only its own script, style and data: no inline script, no
 * plugins, no framing. The modeler's bpmn.io packages need three things more
 * (docs/security.md#headers): <style> elements, which CodeMirror (the properties panel's FEEL
 * editors) writes at run time; style attributes in the markup diagram-js, the properties panel
 * and token simulation build as HTML strings; data: images (the panel's checkbox tick). Scripts
 * stay 'self' only.
 */
const APP_POLICY = [
  "default-src 'self'",
  "style-src-elem 'self' 'unsafe-inline'",
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data:",
  "base-uri 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** Swagger UI's page carries an inline style block and data: icons; it runs no inline script. */
const DOCS_POLICY = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "base-uri 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

const isApi = (path: string) => path === '/api' || path.startsWith('/api/');
const isDocs = (path: string) => path === '/api/docs' || path.startsWith('/api/docs/');

/**
 * Headers on every response, set before anything else answers. API responses are never stored
 * by a browser or a proxy: they carry case content (static file middleware, which serves Swagger
 * UI's assets, keeps a Cache-Control already set).
 */
export function securityHeaders(request: Request, response: Response, next: NextFunction): void {
  response.setHeader('Content-Security-Policy', isDocs(request.path) ? DOCS_POLICY : APP_POLICY);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('X-Frame-Options', 'DENY');
  if (isApi(request.path)) response.setHeader('Cache-Control', 'no-store');
  next();
}
