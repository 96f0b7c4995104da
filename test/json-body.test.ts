/**
 * The body parser's shortcuts (the NUL walk runs only when the text holds a \u0000 escape, strings are
 * skipped with indexOf, the text is scanned for its shape only when the parsed body shows a problem)
 * must let nothing through that the full checks refuse.
 */
import { describe, expect, it } from 'vitest';
import { InvalidPayload, MAX_JSON_DEPTH, parseJsonBody } from '../src/http/json-body.js';
import { HttpProblem } from '../src/http/problem.js';

function refusal(text: string): { status: number; errors: unknown } | null {
  try {
    parseJsonBody(Buffer.from(text));
    return null;
  } catch (error) {
    if (error instanceof InvalidPayload || error instanceof HttpProblem) return { status: error.statusCode, errors: error.errors };
    throw error;
  }
}

const nul = (field: string) => ({ status: 417, errors: [`The ${field} field must not contain NUL characters.`] });
const invalidJson = (sentence: string) => ({ status: 400, errors: [sentence] });

describe('parseJsonBody', () => {
  it('finds a \\u0000 escape in any value or key, at any depth', () => {
    expect(refusal('{"products":{"0":{"name":"Te\\u0000st"}}}')).toEqual(nul('products.0.name'));
    expect(refusal('{"list":[1,"a",["b","\\u0000"]]}')).toEqual(nul('list.2.1'));
    expect(refusal('{"ok":"a","x\\u0000":1}')).toEqual(nul('x\u0000'));
    expect(refusal('"\\u0000"')).toEqual({ status: 417, errors: ['The  field must not contain NUL characters.'] });
  });

  it('accepts text that only looks like the escape, and refuses a raw NUL as invalid JSON', () => {
    expect(parseJsonBody(Buffer.from('{"note":"\\\\u0000"}'))).toEqual({ note: '\\u0000' });
    expect(refusal('{"note":"a\u0000b"}')).toEqual({ status: 400, errors: ['The request body is not valid JSON.'] });
  });

  it('reads keys after strings holding escaped quotes and backslashes', () => {
    expect(refusal('{"a":"x\\"","k":1,"k":2}')).toEqual(invalidJson('The request body names the key "k" twice in one object.'));
    expect(refusal('{"a":"x\\\\","k":1,"k":2}')).toEqual(invalidJson('The request body names the key "k" twice in one object.'));
    expect(refusal('{"a":"\\\\\\"{[","__proto__":1}')).toEqual(invalidJson('The request body must not use the key "__proto__".'));
    expect(refusal('{"\\"k":1,"k":2,"k\\\\":3}')).toBeNull();
    expect(refusal('{"k":1,"\\u006b":2}')).toEqual(invalidJson('The request body names the key "k" twice in one object.'));
  });

  it('finds a key named twice in small and large objects alike', () => {
    for (const size of [1, 15, 16, 17, 40, 5_000]) {
      const keys = Array.from({ length: size }, (_, i) => `"k${i}":${i}`);
      expect(refusal(`{${keys.join(',')}}`), `${size} keys`).toBeNull();
      for (const again of [0, size - 1]) {
        const twice = `{${keys.join(',')},"k${again}":0}`;
        expect(refusal(twice), `${size} keys, k${again} again`).toEqual(invalidJson(`The request body names the key "k${again}" twice in one object.`));
      }
      expect(refusal(`{${keys.join(',')},"__proto__":0}`)).toEqual(invalidJson('The request body must not use the key "__proto__".'));
    }
    expect(refusal(`{"o":{${Array.from({ length: 20 }, (_, i) => `"k${i}":0`).join(',')}},"k0":1,"k19":2}`)).toBeNull();
  });

  it('finds a key named twice wherever it hides: after spaces before the colon, in objects inside lists, beside strings holding colons', () => {
    expect(refusal('{"k" : 1,\n"k"\t:2}')).toEqual(invalidJson('The request body names the key "k" twice in one object.'));
    expect(refusal('{"list":[{"a":1},{"b":":","b":2}]}')).toEqual(invalidJson('The request body names the key "b" twice in one object.'));
    expect(refusal('{"a":":","b":"\\\":","c":[":",{"d":"e:"}]}')).toBeNull();
    expect(refusal('{"o":{"__proto__":{}}}')).toEqual(invalidJson('The request body must not use the key "__proto__".'));
  });

  it('names what is wrong with a body that is also malformed, as the scan before parsing did', () => {
    expect(refusal(`${'['.repeat(MAX_JSON_DEPTH + 1)}`)).toEqual(invalidJson('The request body must not nest objects and arrays more than 32 levels deep.'));
    expect(refusal('{"k":1,"k":2')).toEqual(invalidJson('The request body names the key "k" twice in one object.'));
    expect(refusal('{"k":1,')).toEqual({ status: 400, errors: ['The request body is not valid JSON.'] });
  });

  it('counts only brackets outside strings towards the depth', () => {
    const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
    expect(refusal(deep(MAX_JSON_DEPTH))).toBeNull();
    expect(refusal(deep(MAX_JSON_DEPTH + 1))).toEqual(invalidJson('The request body must not nest objects and arrays more than 32 levels deep.'));
    expect(refusal(`{"a":"${'[{'.repeat(100)}\\"${'[{'.repeat(100)}"}`)).toBeNull();
  });
});
