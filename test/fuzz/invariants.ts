/**
 * What every answer must be, whatever was sent: no 5xx, FPGO's envelope (or, for the customer's and
 * the dashboard user's pages, HTML), no stack trace.
 */
import type { FuzzRequest } from './requests.js';

export interface WireAnswer {
  status: number;
  head: string;
  body: string;
}

/** Lines of a V8 stack trace, Node's internals, or our own source paths with line numbers. */
const STACK_TRACE = /\n\s+at \S|node:internal|\/(src|dist|node_modules)\/\S+\.(ts|js|mjs):\d+|\bError: .*\n/;

const header = (answer: WireAnswer, name: string) => new RegExp(`^${name}: *(.*)$`, 'im').exec(answer.head)?.[1]?.trim() ?? '';

/** Answers outside the envelope that are documented as such: pages, assets, CSV, metrics, health and the OpenAPI document. */
function documentedNonEnvelope(request: FuzzRequest, answer: WireAnswer): boolean {
  const type = header(answer, 'content-type');
  const pathname = request.path.split('?')[0]!;
  const page = /^\/(checkout|dashboard)(\/|$)/.test(pathname);
  if (page && (/^text\/(html|css)|javascript/.test(type) || (answer.status >= 300 && answer.status < 400))) return true;
  if (answer.status !== 200) return false;
  return /^text\/(csv|plain)/.test(type) || /^\/(healthz|readyz|openapi\.json)$/.test(pathname) || pathname.startsWith('/documentation');
}

function isEnvelope(json: any, status: number): boolean {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return false;
  if (json.status_code !== status || typeof json.status_message !== 'string' || typeof json.message !== 'string') return false;
  const withErrors = typeof json.is_error === 'boolean' && 'errors' in json;
  const withData = typeof json.is_data === 'boolean' && 'data' in json;
  return withErrors !== withData;
}

/** What is wrong with an answer, or nothing. */
export function problemsOf(request: FuzzRequest, answer: WireAnswer): string[] {
  const problems: string[] = [];
  if (answer.status === 0) return ['no HTTP answer'];
  if (answer.status >= 500) problems.push(`status ${answer.status}`);
  if (STACK_TRACE.test(answer.body) || STACK_TRACE.test(answer.head)) problems.push('stack trace in the answer');
  if (request.method === 'HEAD' || documentedNonEnvelope(request, answer)) return problems;
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    json = undefined;
  }
  if (!isEnvelope(json, answer.status)) problems.push('answer outside the envelope');
  return problems;
}
