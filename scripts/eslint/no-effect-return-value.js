// An effect may return nothing or a cleanup function. React calls whatever comes back as the
// cleanup, so `useEffect(() => el.scrollIntoView())` crashes ("l is not a function") in a browser
// whose scrollIntoView returns a Promise — the DOM types say `void`, so TypeScript cannot see it.
// Rule: an effect's arrow body is a block (or a function), and `return` hands back a function
// written in place or a named one (or `undefined`), never the result of a call or any other expression.
const EFFECTS = new Set(['useEffect', 'useLayoutEffect', 'useInsertionEffect']);
const FUNCTIONS = new Set(['ArrowFunctionExpression', 'FunctionExpression']);

function calleeName(callee) {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') return callee.property.name;
  return null;
}

/** A returned value that is surely a cleanup function (or nothing at all). */
function isCleanup(node) {
  if (!node) return true;
  if (FUNCTIONS.has(node.type)) return true;
  return node.type === 'Identifier'; // a named cleanup, or `undefined`
}

/** Return statements of this function, not of functions nested in it. */
function ownReturns(node, found = []) {
  if (!node || typeof node.type !== 'string') return found;
  if (node.type === 'ReturnStatement') found.push(node);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent') continue;
    for (const child of Array.isArray(value) ? value : [value]) {
      if (!child || typeof child.type !== 'string') continue;
      if (FUNCTIONS.has(child.type) || child.type === 'FunctionDeclaration') continue;
      ownReturns(child, found);
    }
  }
  return found;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'An effect returns nothing or a cleanup function, never another value' },
    messages: {
      expressionBody: 'This effect returns the value of its expression, which React will call as a cleanup. Use a block body: `() => { … }`.',
      returnValue: 'An effect may only return a cleanup function. Store the value in a named function or return nothing.',
    },
    schema: [],
  },
  create(context) {
    return {
      CallExpression(node) {
        if (!EFFECTS.has(calleeName(node.callee))) return;
        const effect = node.arguments[0];
        if (!effect || !FUNCTIONS.has(effect.type)) return;
        if (effect.body.type !== 'BlockStatement') {
          if (!isCleanup(effect.body)) context.report({ node: effect.body, messageId: 'expressionBody' });
          return;
        }
        for (const ret of ownReturns(effect.body)) {
          if (!isCleanup(ret.argument)) context.report({ node: ret, messageId: 'returnValue' });
        }
      },
    };
  },
};
