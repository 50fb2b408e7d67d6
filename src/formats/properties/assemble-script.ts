// librdkafka reads sasl.password and sasl.oauthbearer.client.secret only as values inside its properties file, and a
// platform places each secret as a file of its own. The file a client reads is therefore assembled when it starts, by a
// step graft adds before it (a Kubernetes init container, a one-shot Compose service): the stack's file, then each
// secret setting as `key=` followed by the secret file's bytes. graft never sees a value; the script passes it with
// `cat`, byte for byte, and refuses a value with a line break inside it (a properties line cannot carry one, and it
// would add settings of its own).

/** The image that runs the script: BusyBox's `sh`, `cat`, `tail`, `tr`, `wc`, `mv`, pinned by tag. */
export const ASSEMBLE_IMAGE = 'busybox:1.37.0';
/**
 * The script that assembles the file: `$1` the stack's file (graft's non-secret settings already in it), `$2` the file to write, then one `key=secret-file` argument
 * per setting. A last line without its line break gets one, so the settings start on lines of their own; a secret
 * that ends with one line break keeps it as its line's end.
 */
export const ASSEMBLE_SCRIPT = [
  'set -eu',
  'in=$1 out=$2',
  'shift 2',
  'cat -- "$in" >"$out.tmp"',
  '[ -z "$(tail -c 1 -- "$in")" ] || echo >>"$out.tmp"',
  'for setting do',
  '  key=${setting%%=*} file=${setting#*=}',
  '  breaks=$(($(tr -dc \'\\n\' <"$file" | wc -c)))',
  '  if [ "$breaks" -gt 1 ] || { [ "$breaks" -eq 1 ] && [ -n "$(tail -c 1 -- "$file")" ]; }; then',
  '    echo "$file: a line break inside the value of $key, which a properties line cannot hold" >&2',
  '    exit 1',
  '  fi',
  '  printf \'%s=\' "$key" >>"$out.tmp"',
  '  cat -- "$file" >>"$out.tmp"',
  '  [ -z "$(tail -c 1 -- "$file")" ] || echo >>"$out.tmp"',
  'done',
  'mv -f -- "$out.tmp" "$out"',
].join('\n');
