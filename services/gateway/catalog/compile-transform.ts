/**
 * A contract's JSONata transform, made fast for the shape transforms almost always have: an object of
 * renamed fields and unit conversions (`{"feedFlow": flowRate, "pressure": pressure * 10}`).
 *
 * Why by hand: JSONata's evaluator is asynchronous at every step and allocates about 40 KB to convert
 * one reactor reading; at 2,000 events/s that was 45 % of the gateway's allocations and most of its
 * garbage collection (docs/benchmarks.md). No maintained JSONata compiler exists for Node. So the
 * library still parses every transform and stays the reference: an expression built only of what is
 * compiled here (an object constructor with literal keys, field paths, numbers, strings, true, false,
 * null, unary minus and + - * / %) runs as plain functions, and everything else runs in JSONata. A
 * compiled transform that meets data it does not handle exactly as JSONata would (an operand that is
 * not a number, a result out of range, an array inside a path) hands that event to JSONata, which
 * converts it or refuses it with its own error.
 */
import jsonata from 'jsonata';
import { isJsonObject } from '../../common/schemas/is-json-object.js';

/**
 * Converts the data of one event; rejects as JSONata does for data it cannot convert. `compiled`: the
 * expression runs as plain functions (JSONata only for data they defer).
 */
export type Transform = ((data: unknown) => Promise<unknown>) & { compiled: boolean };

/** What a compiled part returns when JSONata must decide. */
const DEFER = Symbol('defer to JSONata');

type Compiled = (input: Record<string, unknown>) => unknown;

interface Node {
  type: string;
  value?: unknown;
  expressions?: Node[];
  steps?: Node[];
  lhs?: Node | [Node, Node][];
  rhs?: Node;
  expression?: Node;
}

/** The properties of a step node that change what a plain name step means. */
const STEP_MODIFIERS = ['stages', 'predicate', 'group', 'focus', 'index', 'tuple', 'keepArray', 'consarray'];

export function compileTransform(source: string): Transform {
  const expression = jsonata(source);
  const compiled = compile(expression.ast() as Node);
  const interpreted = (data: unknown) => expression.evaluate(data) as Promise<unknown>;
  if (!compiled) return Object.assign(interpreted, { compiled: false });
  const fast = (data: unknown) => {
    if (!isJsonObject(data)) return interpreted(data);
    const result = compiled(data);
    return result === DEFER ? interpreted(data) : Promise.resolve(result);
  };
  return Object.assign(fast, { compiled: true });
}

/** Plain functions for the expression, or undefined when JSONata must run it all. */
function compile(node: Node): Compiled | undefined {
  switch (node.type) {
    case 'block':
      return node.expressions?.length === 1 ? compile(node.expressions[0]!) : undefined;
    case 'number':
    case 'string':
    case 'value': {
      const value = node.value;
      return () => value;
    }
    case 'path':
      return compilePath(node);
    case 'binary':
      return compileArithmetic(node);
    case 'unary':
      if (node.value === '{') return compileObject(node);
      if (node.value === '-') return compileMinus(node);
      return undefined;
    default:
      return undefined;
  }
}

function compileObject(node: Node): Compiled | undefined {
  const pairs = node.lhs as [Node, Node][];
  const keys = new Set<string>();
  const fields: [string, Compiled][] = [];
  for (const [key, value] of pairs) {
    // Keys computed from the data, or the same key twice, are JSONata's to judge.
    if (key.type !== 'string' || keys.has(key.value as string)) return undefined;
    const compiled = compile(value);
    if (!compiled) return undefined;
    keys.add(key.value as string);
    fields.push([key.value as string, compiled]);
  }
  return (input) => {
    const out: Record<string, unknown> = {};
    for (const [key, field] of fields) {
      const value = field(input);
      if (value === DEFER) return DEFER;
      // JSONata leaves a field out when its value is undefined (say, a field the data does not have).
      if (value !== undefined) out[key] = value;
    }
    return out;
  };
}

/**
 * A path of field names. One step returns the field as it is, arrays included; a longer path goes
 * through plain objects only (JSONata maps a path over arrays and flattens what it finds).
 */
function compilePath(node: Node): Compiled | undefined {
  const names: string[] = [];
  for (const step of node.steps ?? []) {
    const modified = STEP_MODIFIERS.some(
      (m) => (step as unknown as Record<string, unknown>)[m] !== undefined,
    );
    if (step.type !== 'name' || modified || typeof step.value !== 'string') return undefined;
    // A name Object.prototype has (constructor, toString, ...) is not looked up here.
    if (step.value in Object.prototype) return undefined;
    names.push(step.value);
  }
  if (names.length === 0) return undefined;
  const [first, ...rest] = names;
  if (rest.length === 0) return (input) => fieldOf(input, first!);
  return (input) => {
    let value = fieldOf(input, first!);
    for (const name of rest) {
      if (value === undefined || value === null) return undefined;
      if (!isJsonObject(value)) return typeof value === 'object' ? DEFER : undefined;
      value = fieldOf(value, name);
    }
    return Array.isArray(value) ? DEFER : value;
  };
}

const ARITHMETIC: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
};

function compileArithmetic(node: Node): Compiled | undefined {
  const operate = ARITHMETIC[node.value as string];
  const lhs = compile(node.lhs as Node);
  const rhs = compile(node.rhs!);
  if (!operate || !lhs || !rhs) return undefined;
  return (input) => {
    const a = lhs(input);
    const b = rhs(input);
    if (a === DEFER || b === DEFER) return DEFER;
    // JSONata: an operand that is there must be a number; then a missing one makes the result missing.
    if ((a !== undefined && typeof a !== 'number') || (b !== undefined && typeof b !== 'number'))
      return DEFER;
    if (a === undefined || b === undefined) return undefined;
    const result = operate(a, b);
    return Number.isFinite(result) ? result : DEFER;
  };
}

function compileMinus(node: Node): Compiled | undefined {
  const operand = compile(node.expression!);
  if (!operand) return undefined;
  return (input) => {
    const value = operand(input);
    if (value === undefined || value === DEFER) return value;
    return typeof value === 'number' ? -value : DEFER;
  };
}

function fieldOf(input: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(input, name) ? input[name] : undefined;
}
