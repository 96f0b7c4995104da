/**
 * For the checkout's browser tests: Debian's Chromium driven by playwright-core, axe-core for
 * accessibility, and a real local web server standing in for the merchant's site.
 */
// @ts-nocheck

import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

const require = createRequire(import.meta.url);

/** Where tests write screenshots (gitignored). */
export const RESULTS_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url));
mkdirSync(RESULTS_DIR, { recursive: true });

export const PHONE = { width: 360, height: 780 } as const;
export const DESKTOP = { width: 1280, height: 900 } as const;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    timeout: 60_000,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

const AXE_SCRIPT = join(dirname(require.resolve('axe-core')), 'axe.min.js');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core on the page and returns its serious and critical violations. The page's CSP
 * forbids inline scripts, so the page must come from a context created with `bypassCSP: true`.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE_SCRIPT });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: any[] }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n: any) => String(n.target)) }));
  });
  return violations.filter((v: AxeViolation) => v.impact === 'serious' || v.impact === 'critical');
}

/** Nothing sticks out sideways: no horizontal scrolling, every element inside the screen. */
export async function expectFitsWidth(page: Page, width: number): Promise<void> {
  const overflow = await page.evaluate(() => {
    const wide = [...document.querySelectorAll('body *')]
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && (box.right > window.innerWidth + 0.5 || box.left < -0.5);
      })
      .map((element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}.${element.className}`);
    return { scrollWidth: document.documentElement.scrollWidth, wide };
  });
  expect(overflow).toEqual({ scrollWidth: width, wide: [] });
}

export interface MerchantSite {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** Every path and query the site was asked for, in order. */
  hits: string[];
  close(): Promise<void>;
}

/** A plain web server playing the merchant's return pages (callback.success / callback.failure). */
export async function merchantSite(): Promise<MerchantSite> {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html lang="en"><title>Merchant</title><h1>Merchant ${(request.url ?? '').split('?')[0]}</h1></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The expiry a fresh test card has: December three years ahead, as MM/YY. */
export function futureExpiry(now = Date.now()): string {
  return `12/${String((new Date(now).getUTCFullYear() + 3) % 100).padStart(2, '0')}`;
}
