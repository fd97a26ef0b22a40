// The readiness report in a webview: the server renders the page (the same one `readiness check
// --format html` writes) and this module only decides what the page may ask the editor to do.
import * as path from 'node:path';

/** The server command that returns the report of the workspace as it is now. */
export const SERVER_REPORT = 'readiness.server.report';

/** What `readiness.server.report` returns. */
export interface ReportResult {
  html: string;
  findings: number;
}

/** A place in a file, 0-based as VS Code counts. */
export interface OpenLocation {
  path: string;
  line: number;
  character: number;
}

/** Whether the server's answer has the shape of a report. */
export function isReportResult(value: unknown): value is ReportResult {
  return typeof value === 'object' && value !== null &&
    typeof (value as ReportResult).html === 'string' && typeof (value as ReportResult).findings === 'number';
}

/**
 * The file location a message from the page asks to open, or undefined when the message is not
 * one or names a file outside the workspace folders: the page may only open the workspace's files.
 * Lines and columns in the page are 1-based.
 */
export function locationToOpen(message: unknown, folders: readonly string[], pathApi: Pick<typeof path, 'isAbsolute' | 'relative' | 'resolve'> = path): OpenLocation | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { type, path: file, line, column } = message as Record<string, unknown>;
  if (type !== 'open' || typeof file !== 'string' || !pathApi.isAbsolute(file)) return undefined;
  const resolved = pathApi.resolve(file);
  const inside = folders.some((folder) => {
    const relative = pathApi.relative(pathApi.resolve(folder), resolved);
    return relative.length > 0 && !relative.startsWith('..') && !pathApi.isAbsolute(relative);
  });
  if (!inside) return undefined;
  return { path: resolved, line: positive(line) - 1, character: positive(column) - 1 };
}

function positive(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : 1;
}

/** The panel's title: what the report says at a glance. */
export function reportTitle(findings: number): string {
  return findings === 0 ? 'Readiness report' : `Readiness report (${findings} finding${findings === 1 ? '' : 's'})`;
}
