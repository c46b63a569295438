import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** The app as a user sees it, by roles and labels. */
export class AppPage {
  constructor(readonly page: Page) {}

  async startSandbox(): Promise<void> {
    await this.page.getByRole('button', { name: 'Start sandbox' }).click();
    await this.page.getByTestId('connection-state').filter({ hasText: 'connected' }).waitFor();
  }

  /** Fills the Existing Redis form and connects; resolves once connected unless expectError is set. */
  async connectExisting(opts: { port: number; password?: string; namespace?: string; expectError?: boolean }): Promise<void> {
    await this.page.getByRole('tab', { name: 'Existing Redis' }).click();
    await this.page.getByLabel('Port').fill(String(opts.port));
    if (opts.password !== undefined) await this.page.getByLabel('Password').fill(opts.password);
    if (opts.namespace !== undefined) await this.page.getByLabel('Namespace', { exact: true }).fill(opts.namespace);
    await this.page.getByRole('button', { name: 'Connect' }).click();
    if (!opts.expectError) await this.page.getByTestId('connection-state').filter({ hasText: 'connected' }).waitFor();
  }

  /**
   * Opens a pattern from the sidebar. A run in progress asks before it is
   * thrown away; a test that switches mid-run means it, so it agrees.
   */
  async openPattern(title: string): Promise<void> {
    const item = this.page.getByRole('navigation', { name: 'Patterns', exact: true }).getByRole('button', { name: title, exact: true });
    await item.click();
    const dialog = this.page.getByRole('alertdialog');
    const opened = this.page.locator('.workspace[data-ready="true"]').and(this.page.locator(':has([aria-current="true"])'));
    // Either the dialog asks, or the pattern opens; the click has already decided which.
    await dialog.or(item.and(this.page.locator('[aria-current="true"]'))).first().waitFor();
    if (await dialog.isVisible()) await dialog.getByRole('button', { name: /^(Open|Restart)\b/ }).click();
    await item.and(this.page.locator('[aria-current="true"]')).waitFor();
    await opened.waitFor();
  }

  /** Steps n times, each time waiting until the step has finished. */
  async steps(n: number): Promise<void> {
    for (let i = 0; i < n; i++) await this.step();
  }

  async step(): Promise<void> {
    const before = await this.progress();
    await this.page.getByRole('button', { name: 'Step', exact: true }).click();
    await this.page.waitForFunction((text) => document.querySelector('.progress')?.textContent !== text, before);
  }

  progress(): Promise<string> {
    return this.page.locator('.progress').innerText();
  }

  narrative(): Locator {
    return this.page.getByLabel('Narrative');
  }

  traceRows(): Locator {
    return this.page.getByRole('table', { name: 'Trace' }).locator('tbody tr');
  }

  keyRow(key: string): Locator {
    return this.page.getByRole('table', { name: 'Keys' }).locator(`tr[data-key="${key}"]`);
  }

  dbRow(id: number): Locator {
    return this.page.getByRole('table', { name: 'Database rows' }).locator(`tr[data-user="${id}"]`);
  }

  async expectNoAlert(): Promise<void> {
    expect(await this.page.getByRole('alert').count()).toBe(0);
  }
}
