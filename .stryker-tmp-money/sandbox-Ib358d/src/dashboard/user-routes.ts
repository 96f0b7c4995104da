/** The Users page (admins): who may sign in to this merchant's dashboard; add and disable users. */
// @ts-nocheck

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { html } from '../kernel/html.js';
import { formatDateTime } from '../kernel/time-zones.js';
import { createUser, disableUser } from '../merchants/dashboard-users.js';
import { generatePassword } from '../merchants/passwords.js';
import { USER_ROLES, type UserRole } from '../reservations/dashboard-user.js';
import { csrfField, page } from './layout.js';
import { contextOf, formFields, sendPage, type DashboardDependencies } from './replies.js';

type Notice = { text: string; secret?: string; alert?: boolean };

export function userRoutes(deps: DashboardDependencies) {
  async function show(request: FastifyRequest, reply: FastifyReply, status: number, notice?: Notice) {
    const context = contextOf(request);
    const { t } = context;
    const { merchant, user: me } = request.dashboardUser!;
    const users = await deps.users.listOf(merchant.id);
    const body = html`<h1>${t.usersTitle}</h1>
${notice ? html`<div class="${notice.alert ? 'alert' : 'notice'}" role="${notice.alert ? 'alert' : 'status'}"><p>${notice.text}</p>${notice.secret ? html`<p><code class="secret">${notice.secret}</code></p>` : ''}</div>` : ''}
<table class="stack"><thead><tr><th scope="col">${t.email}</th><th scope="col">${t.role}</th><th scope="col">${t.created}</th><th scope="col">${t.status}</th><th scope="col"><span class="visually-hidden">${t.actions}</span></th></tr></thead>
<tbody>${users.map(
      (user) => html`<tr><th scope="row">${user.email}${user.id === me.id ? html` (${t.you})` : ''}</th><td data-label="${t.role}">${t.roles[user.role]}</td><td data-label="${t.created}">${formatDateTime(user.createdAt, merchant.timeZone)}</td><td data-label="${t.status}">${user.disabledAt === null ? t.active : t.disabled}</td><td>${
        user.disabledAt === null && user.id !== me.id
          ? html`<form method="post" action="/dashboard/users/disable">${csrfField(context)}<input type="hidden" name="email" value="${user.email}"><button type="submit" class="secondary" aria-label="${t.disable} ${user.email}">${t.disable}</button></form>`
          : ''
      }</td></tr>`,
    )}</tbody></table>
<section aria-labelledby="add-user-title"><h2 id="add-user-title">${t.addUser}</h2>
<form method="post" action="/dashboard/users" class="inline">${csrfField(context)}
<div class="field"><label for="new-email">${t.email}</label><input id="new-email" name="email" type="email" autocomplete="off" required></div>
<div class="field"><label for="new-role">${t.role}</label><select id="new-role" name="role">${USER_ROLES.map((role) => html`<option value="${role}"${role === 'staff' ? ' selected' : ''}>${t.roles[role]}</option>`)}</select></div>
<button type="submit">${t.addUser}</button></form></section>`;
    return sendPage(reply, status, page(context, { title: t.usersTitle, section: 'users', body }));
  }

  return async function routes(app: FastifyInstance): Promise<void> {
    const admins = { schema: { hide: true }, config: { dashboardRole: 'admin' as const } };
    app.get('/users', admins, (request, reply) => show(request, reply, 200));

    app.post('/users', admins, async (request, reply) => {
      const form = formFields(request.body);
      const role: UserRole = form.role === 'admin' ? 'admin' : 'staff';
      const password = generatePassword();
      const created = await createUser(deps, { merchantId: request.dashboardUser!.merchant.id, email: form.email ?? '', role, password });
      if (!created.ok) return show(request, reply, 400, { text: created.problem, alert: true });
      return show(request, reply, 200, { text: contextOf(request).t.userAdded(created.user.email), secret: password });
    });

    app.post('/users/disable', admins, async (request, reply) => {
      const { merchant, user: me } = request.dashboardUser!;
      const email = formFields(request.body).email ?? '';
      const t = contextOf(request).t;
      if (email.trim().toLowerCase() === me.email || !(await disableUser(deps, email, merchant.id))) return show(request, reply, 404, { text: t.notFound, alert: true });
      return show(request, reply, 200, { text: t.userDisabled(email) });
    });
  };
}
