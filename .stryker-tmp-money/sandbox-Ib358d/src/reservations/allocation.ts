/**
 * When a reservation is authorized, its grand total is spread over its product lines so that each
 * line can be captured on its own: in proportion to the line's amount with its tax, rounded by the
 * largest-remainder method so the lines add up to the grand total exactly.
 *
 *   allocate(125_000, [{ amount: 100_000, tax: 25 }])                      → [125_000]
 *   allocate(1_000, [{ amount: 500, tax: 0 }, { amount: 500, tax: 0 }])   → [500, 500]
 */
// @ts-nocheck
function stryNS_9fa48() {
  var g = typeof globalThis === 'object' && globalThis && globalThis.Math === Math && globalThis || new Function("return this")();
  var ns = g.__stryker__ || (g.__stryker__ = {});
  if (ns.activeMutant === undefined && g.process && g.process.env && g.process.env.__STRYKER_ACTIVE_MUTANT__) {
    ns.activeMutant = g.process.env.__STRYKER_ACTIVE_MUTANT__;
  }
  function retrieveNS() {
    return ns;
  }
  stryNS_9fa48 = retrieveNS;
  return retrieveNS();
}
stryNS_9fa48();
function stryCov_9fa48() {
  var ns = stryNS_9fa48();
  var cov = ns.mutantCoverage || (ns.mutantCoverage = {
    static: {},
    perTest: {}
  });
  function cover() {
    var c = cov.static;
    if (ns.currentTestId) {
      c = cov.perTest[ns.currentTestId] = cov.perTest[ns.currentTestId] || {};
    }
    var a = arguments;
    for (var i = 0; i < a.length; i++) {
      c[a[i]] = (c[a[i]] || 0) + 1;
    }
  }
  stryCov_9fa48 = cover;
  cover.apply(null, arguments);
}
function stryMutAct_9fa48(id) {
  var ns = stryNS_9fa48();
  function isActive(id) {
    if (ns.activeMutant === id) {
      if (ns.hitCount !== void 0 && ++ns.hitCount > ns.hitLimit) {
        throw new Error('Stryker: Hit count limit reached (' + ns.hitCount + ')');
      }
      return true;
    }
    return false;
  }
  stryMutAct_9fa48 = isActive;
  return isActive(id);
}
import type { MinorUnits } from '../kernel/money.js';
export function allocate(total: MinorUnits, lines: readonly {
  amount: MinorUnits;
  tax: number;
}[]): MinorUnits[] {
  if (stryMutAct_9fa48("0")) {
    {}
  } else {
    stryCov_9fa48("0");
    const weights = lines.map(stryMutAct_9fa48("1") ? () => undefined : (stryCov_9fa48("1"), line => stryMutAct_9fa48("2") ? BigInt(line.amount) / BigInt(100 + line.tax) : (stryCov_9fa48("2"), BigInt(line.amount) * BigInt(stryMutAct_9fa48("3") ? 100 - line.tax : (stryCov_9fa48("3"), 100 + line.tax)))));
    const weightSum = weights.reduce(stryMutAct_9fa48("4") ? () => undefined : (stryCov_9fa48("4"), (a, b) => stryMutAct_9fa48("5") ? a - b : (stryCov_9fa48("5"), a + b)), 0n);
    if (stryMutAct_9fa48("8") ? weightSum !== 0n : stryMutAct_9fa48("7") ? false : stryMutAct_9fa48("6") ? true : (stryCov_9fa48("6", "7", "8"), weightSum === 0n)) return lines.map(stryMutAct_9fa48("9") ? () => undefined : (stryCov_9fa48("9"), () => 0));
    const exact = weights.map(stryMutAct_9fa48("10") ? () => undefined : (stryCov_9fa48("10"), weight => stryMutAct_9fa48("11") ? BigInt(total) / weight : (stryCov_9fa48("11"), BigInt(total) * weight)));
    const shares = exact.map(stryMutAct_9fa48("12") ? () => undefined : (stryCov_9fa48("12"), value => stryMutAct_9fa48("13") ? value * weightSum : (stryCov_9fa48("13"), value / weightSum)));
    let remaining = stryMutAct_9fa48("14") ? BigInt(total) + shares.reduce((a, b) => a + b, 0n) : (stryCov_9fa48("14"), BigInt(total) - shares.reduce(stryMutAct_9fa48("15") ? () => undefined : (stryCov_9fa48("15"), (a, b) => stryMutAct_9fa48("16") ? a - b : (stryCov_9fa48("16"), a + b)), 0n));
    const byRemainder = stryMutAct_9fa48("17") ? exact.map((value, index) => ({
      index,
      remainder: value % weightSum
    })) : (stryCov_9fa48("17"), exact.map(stryMutAct_9fa48("18") ? () => undefined : (stryCov_9fa48("18"), (value, index) => stryMutAct_9fa48("19") ? {} : (stryCov_9fa48("19"), {
      index,
      remainder: stryMutAct_9fa48("20") ? value * weightSum : (stryCov_9fa48("20"), value % weightSum)
    }))).sort(stryMutAct_9fa48("21") ? () => undefined : (stryCov_9fa48("21"), (a, b) => (stryMutAct_9fa48("25") ? b.remainder <= a.remainder : stryMutAct_9fa48("24") ? b.remainder >= a.remainder : stryMutAct_9fa48("23") ? false : stryMutAct_9fa48("22") ? true : (stryCov_9fa48("22", "23", "24", "25"), b.remainder > a.remainder)) ? 1 : (stryMutAct_9fa48("29") ? b.remainder >= a.remainder : stryMutAct_9fa48("28") ? b.remainder <= a.remainder : stryMutAct_9fa48("27") ? false : stryMutAct_9fa48("26") ? true : (stryCov_9fa48("26", "27", "28", "29"), b.remainder < a.remainder)) ? stryMutAct_9fa48("30") ? +1 : (stryCov_9fa48("30"), -1) : stryMutAct_9fa48("31") ? a.index + b.index : (stryCov_9fa48("31"), a.index - b.index))));
    for (const {
      index
    } of byRemainder) {
      if (stryMutAct_9fa48("32")) {
        {}
      } else {
        stryCov_9fa48("32");
        if (stryMutAct_9fa48("35") ? remaining !== 0n : stryMutAct_9fa48("34") ? false : stryMutAct_9fa48("33") ? true : (stryCov_9fa48("33", "34", "35"), remaining === 0n)) break;
        stryMutAct_9fa48("36") ? shares[index]! -= 1n : (stryCov_9fa48("36"), shares[index]! += 1n);
        stryMutAct_9fa48("37") ? remaining += 1n : (stryCov_9fa48("37"), remaining -= 1n);
      }
    }
    return shares.map(Number);
  }
}