/**
 * Headless Chromium for the web app's end-to-end tests: Debian's `chromium` driven by playwright-core
 * (no browser download), a console watcher, and the accessibility checks the tests apply to each view.
 */
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Why the browser tests would be skipped, or undefined when they can run. In CI (CI=true) a missing
 * browser is an error, not a skip: .ci/run installs it, so its absence there is a broken machine.
 */
export function browserSkipReason(): string | undefined {
  if (fs.existsSync(CHROMIUM_PATH)) return undefined;
  const reason = `${CHROMIUM_PATH} is missing: install Debian's chromium (apt-get install -y chromium) to run the browser tests`;
  if (process.env.CI === 'true') throw new Error(`CI: ${reason}`);
  return reason;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * Collects console errors and uncaught exceptions of a page. Errors the test causes on purpose (a
 * refused token's 401, WebSocket failures while the network is cut) are allowed only while that
 * test step runs, via expectErrors.
 */
export class ConsoleWatch {
  readonly unexpected: string[] = [];
  readonly expected: string[] = [];
  private allowed: RegExp[] = [];

  constructor(page: Page, readonly name: string) {
    page.on('console', (message) => {
      if (message.type() === 'error') this.record(message.text());
    });
    page.on('pageerror', (error) => this.unexpected.push(`uncaught: ${error.message}`));
  }

  private record(text: string): void {
    (this.allowed.some((pattern) => pattern.test(text)) ? this.expected : this.unexpected).push(text);
  }

  async expectErrors<T>(patterns: RegExp[], during: () => Promise<T>): Promise<T> {
    this.allowed = patterns;
    try {
      return await during();
    } finally {
      this.allowed = [];
    }
  }
}

const CONTROL_ROLES = 'textbox|combobox|button|link|checkbox|radio|searchbox|spinbutton|listbox|switch|tab|slider';

/**
 * Controls without an accessible name, read from Chromium's own accessibility tree (aria snapshot),
 * so labels are judged the way a screen reader gets them.
 */
export async function unnamedControls(page: Page): Promise<string[]> {
  const tree = await page.locator('body').ariaSnapshot();
  // "- textbox", "- button [disabled]", "- textbox: its value" — a role with no quoted name after it.
  const unnamed = new RegExp(`^\\s*- (${CONTROL_ROLES})(\\s*\\[[^\\]]*\\])*\\s*(:.*)?$`);
  return tree.split('\n').filter((line) => unnamed.test(line));
}

/**
 * Visible text whose contrast with its background is under WCAG AA (4.5:1, or 3:1 for large text).
 * The background is the nearest ancestor with an opaque-enough background colour; disabled
 * controls are exempt, as WCAG exempts inactive components.
 */
export function contrastProblems(page: Page): Promise<string[]> {
  return page.evaluate(CONTRAST_AUDIT) as Promise<string[]>;
}

// Runs in the page: plain JavaScript in a string, as this project compiles without the DOM library.
const CONTRAST_AUDIT = `(() => {
  const parse = (c) => { const v = (c.match(/[\\d.]+/g) || ['0', '0', '0', '0']).map(Number); return v.length === 3 ? v.concat(1) : v; };
  const channel = (v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
  const luminance = (c) => 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
  const blend = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
  const backgroundOf = (el) => {
    for (let node = el; node; node = node.parentElement) {
      const bg = parse(getComputedStyle(node).backgroundColor);
      if (bg[3] > 0.5) return bg[3] < 1 ? blend(bg, backgroundOf(node.parentElement)) : bg;
    }
    return [255, 255, 255, 1];
  };
  const problems = [];
  const checked = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || checked.has(el) || !node.textContent.trim()) continue;
    checked.add(el);
    const rect = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!rect.width || !rect.height || style.visibility === 'hidden') continue;
    if (el.closest('[disabled], [data-disabled], [aria-disabled="true"], [aria-hidden="true"]')) continue;
    // Visually hidden text (for screen readers only) has no contrast to keep.
    if (rect.width <= 1 && rect.height <= 1) continue;
    const bg = backgroundOf(el);
    const fg = blend(parse(style.color), bg);
    const l = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    const ratio = (l[0] + 0.05) / (l[1] + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) {
      problems.push(ratio.toFixed(2) + ':1 "' + node.textContent.trim().slice(0, 40) + '" (' + style.color + ' on rgb(' + bg.slice(0, 3).join(', ') + '))');
    }
  }
  return problems;
})()`;
