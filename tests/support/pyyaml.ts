import { spawnSync } from 'node:child_process';

// reads every document of each file; tags such as CloudFormation's `!Ref` are read as plain values
const SCRIPT = `
import json, sys
import yaml
class Loader(yaml.SafeLoader):
    pass
def any_tag(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)
Loader.add_multi_constructor('!', any_tag)
out = []
for f in json.load(sys.stdin):
    try:
        list(yaml.load_all(f['text'].lstrip('\\ufeff'), Loader=Loader))
    except yaml.YAMLError as e:
        out.append(f['path'] + ': ' + str(e).replace('\\n', ' '))
print(json.dumps(out))
`;

let available: boolean | undefined;

/**
 * Parses YAML files with PyYAML, a second YAML implementation besides the `yaml` library graft uses. Returns each
 * file's error, or undefined when python3 with PyYAML is not installed here.
 */
export function pyyamlErrors(files: readonly { path: string; text: string }[]): string[] | undefined {
  if (available === false) return undefined;
  const r = spawnSync('python3', ['-c', SCRIPT], { input: JSON.stringify(files), encoding: 'utf8' });
  if (r.status !== 0) {
    if (available === undefined && (r.error || /No module named .?yaml/.test(r.stderr))) {
      available = false;
      return undefined;
    }
    throw new Error(`PyYAML check failed: ${r.stderr || String(r.error)}`);
  }
  available = true;
  return JSON.parse(r.stdout) as string[];
}
