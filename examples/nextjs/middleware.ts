// The strict CSP, as Next.js allows it: its App Router runs inline bootstrap scripts, so the
// policy carries a fresh nonce per request (which Next.js puts on its scripts) and
// 'strict-dynamic' for the chunks those load; 'wasm-unsafe-eval' for the editor's wasm;
// the API's origin (`CP_API_BASE_URL`) in connect-src. Node.js runtime, so that the
// server's setting is read when it runs, not when it was built.
import { NextResponse, type NextRequest } from 'next/server';

export const config = { matcher: '/', runtime: 'nodejs' };

export function middleware(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const api = process.env.CP_API_BASE_URL ?? '';
  const policy = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'`,
    "style-src 'self'",
    `connect-src 'self' ${api}`.trim(),
    "img-src 'self'",
    "worker-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  return response;
}
