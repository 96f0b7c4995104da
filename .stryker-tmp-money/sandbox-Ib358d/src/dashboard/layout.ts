/** The frame of every dashboard page: skip link, navigation, who is signed in, language switch. */
// @ts-nocheck

import { html, type Html } from '../kernel/html.js';
import type { DashboardUser } from '../reservations/dashboard-user.js';
import type { Merchant } from '../reservations/merchant.js';
import { DASHBOARD_LANGUAGES, type DashboardLanguage, type Texts } from './texts.js';

export const ASSETS_PATH = '/dashboard/assets';

export interface PageContext {
  t: Texts;
  language: DashboardLanguage;
  /** The path and query of this page, for the language links to come back to. */
  path: string;
  /** Absent on the sign-in page. */
  signedIn?: { user: DashboardUser; merchant: Merchant; csrfToken: string };
}

const LANGUAGE_NAMES: Record<DashboardLanguage, { name: string; lang: string }> = { en: { name: 'English', lang: 'en' }, no: { name: 'Norsk', lang: 'nb' } };

/** The hidden field every form of a signed-in page carries. */
export function csrfField(context: PageContext): Html {
  return html`<input type="hidden" name="_csrf" value="${context.signedIn?.csrfToken ?? ''}">`;
}

function navigation(context: PageContext, section: string): Html {
  const { t, signedIn } = context;
  if (!signedIn) return html``;
  const links: [string, string][] = [['reservations', t.reservations]];
  if (signedIn.user.role === 'admin') links.push(['developers', t.developers], ['users', t.users]);
  return html`<nav aria-label="${t.mainNav}" class="main-nav"><ul>
${links.map(([id, label]) => html`<li><a href="/dashboard/${id}"${id === section ? html` aria-current="page"` : ''}>${label}</a></li>`)}
</ul></nav>
<div class="who"><span>${signedIn.merchant.name} · ${t.signedInAs(signedIn.user.email, t.roles[signedIn.user.role])}</span>
<form method="post" action="/dashboard/sign-out">${csrfField(context)}<button type="submit" class="link-button">${t.signOut}</button></form></div>`;
}

export function page(context: PageContext, options: { title: string; section: string; body: Html }): string {
  const { t, language } = context;
  const back = encodeURIComponent(context.path);
  return html`<!doctype html>
<html lang="${t.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${options.title} – ${t.product}</title>
<link rel="stylesheet" href="${ASSETS_PATH}/dashboard.css">
</head>
<body>
<a class="skip" href="#main">${t.skipToContent}</a>
<header class="top">
<p class="brand">fpgo</p>
${navigation(context, options.section)}
<nav aria-label="${t.languageNav}" class="languages"><ul>
${DASHBOARD_LANGUAGES.map(
  (code) =>
    html`<li><a href="/dashboard/language/${code}?back=${back}" lang="${LANGUAGE_NAMES[code].lang}"${code === language ? html` aria-current="true"` : ''}>${LANGUAGE_NAMES[code].name}</a></li>`,
)}
</ul></nav>
</header>
<main id="main" tabindex="-1">
${options.body}
</main>
</body>
</html>
`.text;
}

/** A page that only says something (403, 404, an expired form). */
export function messagePage(context: PageContext, title: string, message: string): string {
  return page(context, { title, section: '', body: html`<h1>${title}</h1><p>${message}</p><p><a href="/dashboard/reservations">${context.t.backToList}</a></p>` });
}
