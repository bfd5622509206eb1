// Reads a `.env` file: NAME=value lines, `#` comments, optional `export `, single or double quotes
// (double quotes understand \n). Values already in the process environment win over the file.

/** @param {string} text @returns {Record<string, string>} */
export function parseDotenv(text) {
  const out = {};
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const [, name, rest] = match;
    let value = rest;
    if (value.startsWith('"')) {
      const end = value.indexOf('"', 1);
      value = (end > 0 ? value.slice(1, end) : value.slice(1)).replaceAll('\\n', '\n');
    } else if (value.startsWith("'")) {
      const end = value.indexOf("'", 1);
      value = end > 0 ? value.slice(1, end) : value.slice(1);
    } else {
      value = value.replace(/\s+#.*$/, '').trim();
    }
    out[name] = value;
  }
  return out;
}

/** Process environment over file values. */
export function mergeEnvironment(fileValues, processValues) {
  return {
    ...fileValues,
    ...Object.fromEntries(Object.entries(processValues).filter(([, value]) => value !== undefined)),
  };
}
