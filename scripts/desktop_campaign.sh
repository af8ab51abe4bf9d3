#!/usr/bin/env bash
# A planner's first day in the real QGIS desktop under Xvfb (issue 18's campaign):
#   bash scripts/desktop_campaign.sh [OUT]     (default: demo-output/desktop)
# Builds the release zip and the sample scenario, fetches the plugin's Python packages into a
# local wheel folder (the Install button then installs from it, not from the internet), and
# runs scripts/desktop_campaign.py inside `qgis --code` with a fresh profile in which those
# packages are missing. Screenshots and campaign.json go to OUT; exit 0 when every step passed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(realpath -m "${1:-$here/demo-output/desktop}")"
py="$here/.venv/bin/python"
work="$(mktemp -d /tmp/digonce-campaign.XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
rm -f "$out"/*.png "$out"/campaign.json
zip="$("$py" "$here/scripts/package.py" --out "$work/dist" | tail -1 | cut -d" " -f1)"
"$py" "$here/scripts/make_sample_data.py" --out "$work/sample" --works 1500 >/dev/null
wheels="$work/wheels"
"$here/.venv/bin/pip" download -q --disable-pip-version-check -d "$wheels" -r "$here/requirements.txt" \
  || { echo "desktop_campaign: could not fetch the wheels (no network?)" >&2; exit 2; }
profiles="$work/profiles"
mkdir -p "$profiles/profiles/default/QGIS"
# a first start without the welcome and news pages
printf '[qgis]\ncheckVersion=false\nshowTips=false\n[core]\nNewsFeed\\\\httpsfeedqgisorg\\\\disabled=true\n' \
  > "$profiles/profiles/default/QGIS/QGIS3.ini"
env -u PYTHONPATH -u QGIS_PLUGINPATH -u QGIS_CUSTOM_CONFIG_PATH \
  DIGONCE_CAMPAIGN_OUT="$out" DIGONCE_CAMPAIGN_ZIP="$zip" DIGONCE_CAMPAIGN_SAMPLE="$work/sample" \
  DIGONCE_CAMPAIGN_WHEELS="$wheels" QT_QPA_PLATFORM=xcb \
  timeout 1800 xvfb-run -a -s "-screen 0 1600x1000x24" \
  qgis --profiles-path "$profiles" --nologo --noversioncheck --code "$here/scripts/desktop_campaign.py" \
  > "$out/qgis.log" 2>&1 || true
if [ ! -f "$out/campaign.json" ]; then
  echo "desktop_campaign: QGIS wrote no campaign.json (see $out/qgis.log)" >&2
  exit 1
fi
"$py" - "$out/campaign.json" <<'PY'
import json, sys
steps = json.load(open(sys.argv[1]))["steps"]
for s in steps:
    print(("ok  " if s["ok"] else "BAD ") + s["step"])
sys.exit(0 if steps and all(s["ok"] for s in steps) else 1)
PY
