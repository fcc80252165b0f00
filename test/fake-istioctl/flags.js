// Command-line parsing the way istioctl's cobra/pflag does it, so the fake rejects what real
// istioctl rejects: flags may come before or after the subcommand and between positionals,
// `--flag value`, `--flag=value`, `-o json`, `-ojson`; booleans take no value unless `=`.
// Error texts are pflag's.

/** A parse error: printed as `Error: <message>` with exit code 1, as cobra does. */
export class CommandLineError extends Error {}

/**
 * The command tree: each node has `flags` (name → {short, type: 'string'|'bool'|'int'|'strings'})
 * that apply to it and its children (cobra persistent flags), `commands` (name → node) and
 * `aliases` (alias → name). A leaf is runnable.
 */
export function findCommand(tree, argv) {
  const path = [];
  let node = tree;
  const flagSets = [tree.flags];
  const positionals = [];
  const given = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('-') && arg !== '-') {
      // As cobra's stripFlags: `--flag value` and `-f value` take the next word unless the flag
      // is a known boolean (unknown flags are assumed to take a value).
      const inline = arg.includes('=') || (!arg.startsWith('--') && arg.length > 2);
      const value = !inline && !isKnownBool(flagSets, arg) && i + 1 < argv.length ? argv[++i] : undefined;
      given.push({ arg, value });
      continue;
    }
    if (positionals.length === 0 && node.commands) {
      const name = node.aliases?.[arg] ?? arg;
      const child = node.commands[name];
      if (!child) {
        const at = ['istioctl', ...path].join(' ');
        throw new CommandLineError(`unknown command "${arg}" for "${at}"\nRun '${at} --help' for usage.`);
      }
      path.push(name);
      node = child;
      flagSets.push(node.flags ?? {});
      continue;
    }
    positionals.push(arg);
  }
  const flags = parseFlags(Object.assign({}, ...flagSets), given);
  return { path, node, flags, positionals };
}

function lookup(set, arg) {
  if (arg.startsWith('--')) {
    const name = arg.slice(2).split('=')[0];
    return set[name] ? { name, spec: set[name] } : undefined;
  }
  const short = arg[1];
  for (const [name, spec] of Object.entries(set)) if (spec.short === short) return { name, spec };
  return undefined;
}

function isKnownBool(sets, arg) {
  for (const set of sets) {
    const hit = lookup(set, arg);
    if (hit) return hit.spec.type === 'bool';
  }
  return false;
}

function parseFlags(set, given) {
  const values = {};
  for (const { arg, value: next } of given) {
    const long = arg.startsWith('--');
    const hit = lookup(set, arg);
    if (!hit) {
      throw new CommandLineError(long ? `unknown flag: ${arg.split('=')[0]}` : `unknown shorthand flag: '${arg[1]}' in ${arg}`);
    }
    const { name, spec } = hit;
    let value;
    if (long && arg.includes('=')) value = arg.slice(arg.indexOf('=') + 1);
    else if (!long && arg.length > 2) value = arg.slice(arg[2] === '=' ? 3 : 2);
    else if (spec.type === 'bool') value = 'true';
    else if (next !== undefined) value = next;
    else throw new CommandLineError(long ? `flag needs an argument: ${arg}` : `flag needs an argument: '${arg[1]}' in ${arg}`);
    values[name] = convert(name, spec, value, values[name]);
  }
  return values;
}

function convert(name, spec, value, previous) {
  switch (spec.type) {
    case 'bool':
      if (!/^(1|t|T|TRUE|true|True|0|f|F|FALSE|false|False)$/.test(value)) {
        throw new CommandLineError(`invalid argument "${value}" for "--${name}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`);
      }
      return /^(1|t|T|TRUE|true|True)$/.test(value);
    case 'int':
      if (!/^[+-]?\d+$/.test(value)) {
        throw new CommandLineError(`invalid argument "${value}" for "--${name}" flag: strconv.ParseInt: parsing "${value}": invalid syntax`);
      }
      return Number(value);
    case 'strings':
      return [...(previous ?? []), value];
    default:
      return value;
  }
}
