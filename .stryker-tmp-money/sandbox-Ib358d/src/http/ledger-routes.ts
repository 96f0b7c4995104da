/** The ledger export: CSV on success, FPGO's envelope on a refusal. */
// @ts-nocheck

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ledgerExport } from '../reservations/ledger-export.js';
import type { Clock, LedgerRepository } from '../reservations/ports.js';
import { bearerSecurity, errorEnvelope } from './openapi-schemas.js';
import { sendOutcome } from './reply.js';

export function ledgerRoutes(deps: { ledger: LedgerRepository; clock: Clock }) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: { from?: string; to?: string } }>(
      '/connect/reservations/ledger.csv',
      {
        schema: {
          tags: ['Reservations'],
          summary: 'Export the ledger as CSV',
          description:
            'Every money movement between `from` and `to` (Unix seconds; the last 31 days by default, at most 366): one row per ' +
            'reserved, captured, charged and refunded amount, and what was voided when a reservation was cancelled or completed. ' +
            'Columns: time (ISO 8601 in Europe/Oslo), type, reservation, transaction (CAP…/CHA…/REF…), refund_of, amount (kroner, ' +
            '2 decimals), currency. After an empty row, `chain head,<sequence>,<hash>`: the head of your hash-chained history ' +
            '(`fpgo ledger verify`), to keep and compare with later exports.',
          security: bearerSecurity,
          querystring: z.object({ from: z.string().optional(), to: z.string().optional() }),
          response: { 200: z.string().meta({ description: 'text/csv' }), 417: errorEnvelope },
        },
      },
      async (request, reply) => {
        const outcome = await ledgerExport(deps, request.merchant, request.query);
        if (!outcome.ok) return sendOutcome(reply, outcome, 'historyRetrieved');
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${outcome.value.filename}"`)
          .send(outcome.value.csv);
      },
    );
  };
}
