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

  async openPattern(title: string): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Patterns', exact: true }).getByRole('button', { name: title, exact: true }).click();
    await this.page.locator('.workspace[data-ready="true"]').waitFor();
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
