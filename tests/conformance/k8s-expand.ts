// Kubernetes' `$(VAR)` expansion of container `env` values, `command` and `args`, ported to TypeScript
// from kubernetes/kubernetes third_party/forked/golang/expansion/expand.go at commit
// fde22c3f9aacfd260225a9741de123a41157b7c0 (the version that decodes the rune after `$`, as in
// v1.2x–v1.3x), the function pkg/kubelet/kubelet_pods.go's makeEnvironmentVariables calls for every
// `env[].value`. Apache License 2.0, The Kubernetes Authors. k8s-expand.test.ts carries the cases
// of its expand_test.go.
// Rules, as the Go code has them: `$(NAME)` is replaced by the mapping's value, and a name the mapping
// does not know stays written as `$(NAME)`; `$$` is one literal `$`; a `$` followed by anything else,
// or a `$(` never closed, is kept as written. The input is scanned byte by byte in Go; the operators
// are ASCII, so scanning UTF-16 code units gives the same result.

const OPERATOR = '$';
const OPENER = '(';
const CLOSER = ')';

/** `$(input)`: what an unknown reference expands to. */
function syntaxWrap(input: string): string {
  return `${OPERATOR}${OPENER}${input}${CLOSER}`;
}

/**
 * The mapping function for `expand`: the first context that holds the name gives its value, else the
 * reference is left as written (`MappingFuncFor`).
 */
export function mappingFuncFor(...context: ReadonlyMap<string, string>[]): (name: string) => string {
  return (input) => {
    for (const vars of context) {
      const val = vars.get(input);
      if (val !== undefined) return val;
    }
    return syntaxWrap(input);
  };
}

/** Replaces the `$(NAME)` references of `input` with `mapping(NAME)` (`Expand`). */
export function expand(input: string, mapping: (name: string) => string): string {
  let buf = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] === OPERATOR && cursor + 1 < input.length) {
      // copy the input since the last checkpoint
      buf += input.slice(checkpoint, cursor);
      const { read, isVar, advance } = tryReadVariableName(input.slice(cursor + 1));
      // a variable name maps to its value; anything else is copied as read
      buf += isVar ? mapping(read) : read;
      cursor += advance;
      checkpoint = cursor + 1;
    }
  }
  return buf + input.slice(checkpoint);
}

// Reads a variable name after an operator: what was read, whether it names a variable, and how many
// characters were consumed (`tryReadVariableName`). Go advances by the size of the rune after `$`;
// advancing by one UTF-16 unit copies the rest of a surrogate pair with the following text instead,
// which gives the same string.
function tryReadVariableName(input: string): { read: string; isVar: boolean; advance: number } {
  switch (input[0]) {
    case OPERATOR:
      // escaped operator: `$$` is `$`
      return { read: OPERATOR, isVar: false, advance: 1 };
    case OPENER: {
      const close = input.indexOf(CLOSER, 1);
      if (close > 0) return { read: input.slice(1, close), isVar: true, advance: close + 1 };
      // incomplete reference: kept as written
      return { read: OPERATOR + OPENER, isVar: false, advance: 1 };
    }
    default:
      // an operator that starts no expression: kept with the character after it
      return { read: OPERATOR + (input[0] ?? ''), isVar: false, advance: 1 };
  }
}
