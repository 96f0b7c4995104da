/** Every text of the dashboard, by language. */
// @ts-nocheck

import { en } from './texts-en.js';
import { no } from './texts-no.js';
import type { DashboardLanguage, Texts } from './texts.js';

export const TEXTS: Record<DashboardLanguage, Texts> = { en, no };
