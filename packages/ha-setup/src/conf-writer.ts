// A tiny writer for brace-structured files (corosync.conf) that remembers which spec field produced each
// line, so a tool's "file:line" finding can be mapped back to the spec.

export interface SourcedText {
  text: string;
  /** sources[line - 1] = JSON pointer into the spec that produced that line, if any. */
  sources: (string | undefined)[];
}

export class ConfWriter {
  private readonly lines: string[] = [];
  private readonly sources: (string | undefined)[] = [];
  private depth = 0;

  comment(text: string): this {
    for (const l of text.split('\n')) this.push(l ? `# ${l}` : '#');
    return this;
  }
  blank(): this {
    this.push('');
    return this;
  }
  open(name: string, source?: string): this {
    this.push(`${'    '.repeat(this.depth)}${name} {`, source);
    this.depth++;
    return this;
  }
  close(): this {
    this.depth--;
    this.push(`${'    '.repeat(this.depth)}}`);
    return this;
  }
  kv(key: string, value: string | number, source?: string): this {
    this.push(`${'    '.repeat(this.depth)}${key}: ${value}`, source);
    return this;
  }
  private push(line: string, source?: string): void {
    this.lines.push(line);
    this.sources.push(source);
  }
  done(): SourcedText {
    return { text: `${this.lines.join('\n')}\n`, sources: [...this.sources] };
  }
}
