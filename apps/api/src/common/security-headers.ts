import type { NextFunction, Request, Response } from 'express';

/**
 * The web app (dist/web) loads only its own script, style and data: no inline script or style
 * elements, no plugins, no framing. React sets element styles through the DOM, which a CSP
 * allows. Two exceptions for the bpmn.io editors (docs/security.md#headers): images may be
 * data: URLs (form-js's editor makes its empty drag image from one), and <style> elements may
 * be inline (CodeMirror, in form-js's properties panel, writes its theme into one). Style
 * attributes and every script stay 'self' only.
 */
const APP_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src-elem 'self' 'unsafe-inline'",
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
