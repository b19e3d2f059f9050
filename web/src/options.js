// Option validation and normalisation. A wrong option is a programmer error: it throws a
// TypeError naming the option. Bad *input* never throws (see index.js).
//
// The normalised form is what wasm/wire.cpp reads: same camelCase keys, only the keys that
// were given, `allowAttributes` always as {attribute: [elements]} ([] = every element).

const freeze = Object.freeze;

/** Names of the two built-in policies. */
export const PolicyPreset = freeze({ blogPost: 'blogPost', strict: 'strict' });

const INT32_MAX = 0x7fffffff;

function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  return `a ${typeof value}`;
}

function fail(path, expected, value) {
  throw new TypeError(`postrender: option ${path} must be ${expected}, got ${describe(value)}`);
}

function isPlainObject(value) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const boolean = (path, value) => (typeof value === 'boolean' ? value : fail(path, 'a boolean', value));
const string = (path, value) => (typeof value === 'string' ? value : fail(path, 'a string', value));

function integer(min, max) {
  return (path, value) =>
    Number.isSafeInteger(value) && value >= min && value <= max
      ? value
      : fail(path, `an integer from ${min} to ${max}`, value);
}

function name(path, value) {
  if (typeof value !== 'string' || value === '' || /[\s\u0000-\u001f]/.test(value)) {
    fail(path, 'a non-empty string without spaces or control characters', value);
  }
  return value;
}

function names(path, value) {
  if (!Array.isArray(value)) fail(path, 'an array of strings', value);
  return value.map((item, i) => name(`${path}[${i}]`, item));
}

function preset(path, value) {
  if (value !== 'blogPost' && value !== 'strict') fail(path, '"blogPost" or "strict"', value);
  return value;
}

// allowAttributes: {href: ['a'], title: []} or ['title', 'lang'] (on every element).
// An attribute mapped to '*' or true is also allowed on every element.
function attributes(path, value) {
  const out = {};
  if (Array.isArray(value)) {
    for (const [i, attribute] of value.entries()) out[name(`${path}[${i}]`, attribute)] = [];
    return out;
  }
  if (!isPlainObject(value)) {
    fail(path, 'an object {attribute: [elements]} or an array of attribute names', value);
  }
  for (const [attribute, elements] of Object.entries(value)) {
    name(`${path} key`, attribute);
    if (elements === '*' || elements === true) {
      out[attribute] = [];
    } else {
      out[attribute] = names(`${path}.${attribute}`, elements);
    }
  }
  return out;
}

function group(fields) {
  const keys = Object.keys(fields);
  return (path, value) => {
    if (!isPlainObject(value)) fail(path, 'a plain object', value);
    const out = {};
    for (const key of Object.keys(value)) {
      const check = Object.hasOwn(fields, key) ? fields[key] : undefined;
      if (check === undefined) {
        throw new TypeError(
          `postrender: unknown option ${path ? path + '.' : ''}${key} (known: ${keys.join(', ')})`);
      }
      if (value[key] === undefined) continue;  // {baseUrl: undefined} means "not given"
      out[key] = check(path ? `${path}.${key}` : key, value[key]);
    }
    return out;
  };
}

const policyFields = {
  preset,
  allowElements: names,
  removeElements: names,
  allowAttributes: attributes,
  removeAttributes: names,
  allowUrlSchemes: names,
  removeUrlSchemes: names,
  allowCssProperties: names,
  removeCssProperties: names,
  nofollowLinks: boolean,
  allowedTargets: names,
  allowDataImages: boolean,
  allowedClasses: names,
  idPrefix: string,
};

const checkPolicy = group(policyFields);

const checkOptions = group({
  sanitize: boolean,
  baseUrl: string,
  sourceLines: boolean,
  headingIds: boolean,
  idPrefix: string,
  fileName: string,
  wordsPerMinute: integer(1, INT32_MAX),
  cjkCharsPerMinute: integer(1, INT32_MAX),
  markdown: group({
    tables: boolean,
    strikethrough: boolean,
    taskLists: boolean,
    autolinks: boolean,
    underline: boolean,
  }),
  limits: group({
    maxInputBytes: integer(0, Number.MAX_SAFE_INTEGER),
    maxNesting: integer(1, INT32_MAX),
    maxYamlDepth: integer(1, INT32_MAX),
    maxYamlNodes: integer(0, Number.MAX_SAFE_INTEGER),
  }),
  policy: checkPolicy,
});

/** Validates render options; returns their normalised copy. `undefined`/`null` mean none. */
export function normalizeOptions(options) {
  if (options === undefined || options === null) return {};
  return checkOptions('', options);
}

/** Validates a sanitize policy; returns its normalised copy. */
export function normalizePolicy(policy) {
  if (policy === undefined || policy === null) return {};
  return checkPolicy('policy', policy);
}

/**
 * Per-call options over a renderer's defaults (both normalised): top-level keys replace,
 * and the `markdown`, `limits` and `policy` groups merge key by key.
 */
export function mergeOptions(defaults, overrides) {
  if (Object.keys(defaults).length === 0) return overrides;
  if (Object.keys(overrides).length === 0) return defaults;
  const out = { ...defaults, ...overrides };
  for (const key of ['markdown', 'limits', 'policy']) {
    if (defaults[key] && overrides[key]) out[key] = { ...defaults[key], ...overrides[key] };
  }
  return out;
}

/** Default of limits.maxInputBytes (64 MiB), mirrored from core/include/postrender/options.hpp. */
export const DEFAULT_MAX_INPUT_BYTES = 64 * 1024 * 1024;
