// The files the server reads, in one place: documents whose unsaved text the editor sends
// (DOCUMENT_SELECTOR) and files whose change on disk the server must hear about (WATCHED_FILES).
// A test on the server side keeps both in step with the file kinds the engine classifies.

/** Documents the server analyses from the editor's unsaved text. */
export const DOCUMENT_PATTERNS: readonly string[] = [
  '**/*.cs',
  '**/appsettings*.json',
  '**/launchSettings.json',
  '**/.env*',
  '**/{docker-compose,compose}*.{yml,yaml}',
  '**/.gitignore',
  '**/*.{csproj,fsproj,vbproj}',
  '**/*.{sln,slnx,slnf}',
];

/** Files whose change on disk can change findings, even when they are not open. */
export const WATCHED_PATTERNS: readonly string[] = [...DOCUMENT_PATTERNS, '**/package.json', '**/readiness.json'];

export const DOCUMENT_SELECTOR = DOCUMENT_PATTERNS.map((pattern) => ({ scheme: 'file', pattern }));
