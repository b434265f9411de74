import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Moves the focus with Tab alone until `target` has it (bounded): proves it is reachable from the keyboard. */
export async function tabTo(page: Page, target: Locator, max = 120): Promise<void> {
  const handle = await target.elementHandle();
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((el) => document.activeElement === el, handle)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`not reached with ${max} Tab presses: ${target}`);
}

/**
 * Picks an option of a focused <select> with the arrow keys only (bounded). Its options may come from the API after
 * the select shows: the one wanted is waited for first, so the bound counts every option before it.
 */
export async function arrowSelect(page: Page, select: Locator, value: string): Promise<void> {
  await select.locator(`option[value=${JSON.stringify(value)}]`).waitFor({ state: 'attached' });
  const count = await select.locator('option').count();
  for (let i = 0; i <= count && (await select.inputValue()) !== value; i++) await page.keyboard.press('ArrowDown');
  expect(await select.inputValue()).toBe(value);
}
