#!/usr/bin/env bash
# Translations: `update` regenerates i18n/*.ts from the sources (pylupdate5);
# `compile` builds i18n/*.qm (lrelease). .qm files are build products, not committed.
set -euo pipefail
cd "$(dirname "$0")/.."
cmd="${1:-compile}"
sources=$(find __init__.py plugin processing_algorithms -name '*.py' -not -path '*/core/*' -not -path '*/sources/*' -not -path '*/store/*' | sort)
uis=$(find plugin/gui -name '*.ui' 2>/dev/null | sort)
case "$cmd" in
  update)
    for ts in i18n/*.ts; do
      # shellcheck disable=SC2086
      pylupdate5 -noobsolete $sources $uis -ts "$ts"
    done ;;
  compile)
    lrelease=$(command -v lrelease || command -v lrelease-qt5 || echo /usr/lib/qt5/bin/lrelease)
    if [ ! -x "$lrelease" ]; then echo "i18n: lrelease not found (run scripts/setup.sh)"; exit 1; fi
    for ts in i18n/*.ts; do [ -e "$ts" ] && "$lrelease" -silent "$ts" -qm "${ts%.ts}.qm"; done
    true ;;
  *) echo "usage: scripts/i18n.sh update|compile"; exit 2 ;;
esac
