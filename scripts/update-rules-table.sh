#!/usr/bin/env bash
# Rewrites the rules table in README.md from the catalogue (the same text `readiness rules --markdown` prints).
set -euo pipefail
cd "$(dirname "$0")/.."
table="$(mktemp)"
# Build first, quietly: build warnings would otherwise land in the table.
dotnet build server/ReadinessLsp.Server -v quiet -nologo > /dev/null
dotnet run --no-build --project server/ReadinessLsp.Server -- rules --markdown > "$table"
python3 - "$table" <<'PY'
import re, sys
table = open(sys.argv[1]).read()
readme = open("README.md").read()
start, end = "<!-- rules-table:start -->\n", "<!-- rules-table:end -->"
i, j = readme.index(start) + len(start), readme.index(end)
open("README.md", "w").write(readme[:i] + table + readme[j:])
PY
rm -f "$table"
echo "README.md rules table updated"
