// The server logs to stderr with Serilog's console format, `[12:34:56.789 INF] message`.
// vscode-languageclient would show every stderr line as an error; this sorts them by level so
// the Readiness output reads like a log. Pure, apart from the sink it writes to.

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

const LEVELS: Record<string, LogLevel> = {
  VRB: 'trace',
  DBG: 'debug',
  INF: 'info',
  WRN: 'warn',
  ERR: 'error',
  FTL: 'error',
};

const HEADER = /^\[[0-9:.]+ ([A-Z]{3})\] ?/;

/**
 * Splits the server's stderr into leveled lines. A line with a Serilog header takes its level;
 * the lines after it (an exception's stack) keep that level. Anything else on stderr, such as
 * the .NET host saying a runtime is missing, is an error.
 */
export class ServerLogClassifier {
  private current: LogLevel | undefined;

  classify(line: string): { level: LogLevel; text: string } {
    const match = HEADER.exec(line);
    if (match) {
      const level = LEVELS[match[1]!];
      if (level) {
        this.current = level;
        return { level, text: line.slice(match[0].length) };
      }
    }
    if (this.current && /^\s/.test(line)) {
      return { level: this.current, text: line };
    }
    this.current = undefined;
    return { level: 'error', text: line };
  }
}
