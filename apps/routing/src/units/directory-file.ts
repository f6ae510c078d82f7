import { isNode, LineCounter, parseDocument, type Document } from 'yaml';

// Codes written unquoted in YAML (divisionCode: 510903) are numbers to the parser.
const CODE_FIELDS = new Set(['code', 'divisionCode', 'superiorCode']);

export class DirectoryFileSyntaxError extends Error {
  constructor(readonly problems: { line: number; message: string }[]) {
    super(`${problems.length} syntax error(s)`);
  }
}

/**
 * A unit directory file in YAML or JSON (JSON is YAML too), kept with its source positions so
 * that a problem found in its content can be reported at its line.
 */
export class DirectoryFile {
  private constructor(
    private readonly document: Document,
    private readonly lines: LineCounter,
  ) {}

  static parse(text: string): DirectoryFile {
    const lines = new LineCounter();
    const document = parseDocument(text, { lineCounter: lines, prettyErrors: true });
    if (document.errors.length > 0) {
      throw new DirectoryFileSyntaxError(
        document.errors.map((error) => ({
          line: error.linePos?.[0].line ?? 1,
          message: error.message,
        })),
      );
    }
    return new DirectoryFile(document, lines);
  }

  /** The file's content as plain values. */
  content(): unknown {
    return this.document.toJS({
      reviver: (key, value) =>
        typeof key === 'string' && CODE_FIELDS.has(key) && typeof value === 'number'
          ? String(value)
          : value,
    });
  }

  /** The line of the value at a path; for a missing field, the line of the nearest holder. */
  lineOf(path: readonly PropertyKey[]): number {
    for (let depth = path.length; depth >= 0; depth--) {
      const node: unknown = this.document.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return this.lines.linePos(node.range[0]).line;
    }
    return 1;
  }
}
