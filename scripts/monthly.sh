#!/usr/bin/env bash
# The monthly routine, end to end, headless with qgis_process:
#   1. import each new Street Manager archive into the store (digonce:importstreetmanager), or
#      fetch and import it from the publisher (catalogue:SOURCE:YYYY-MM, digonce:fetchfromcatalogue);
#   2. find clashes, opportunities and groups (digonce:findworksoverlaps);
#   3. check the works against Section 58 restrictions (digonce:checkrestrictions);
#   4. compare with last month's pairs, when an earlier OUT/YYYY-MM/pairs.gpkg exists
#      (digonce:compareruns);
# writing every output into OUT/YYYY-MM/ (YYYY-MM: --month, else the newest archive's month
# read from its path, e.g. permit/2026/04.zip, else the current month).
#
# Usage:
#   scripts/monthly.sh --store STORE.gpkg --out OUTDIR [options] ARCHIVE.zip [ARCHIVE.zip ...]
#   scripts/monthly.sh --store STORE.gpkg --out OUTDIR --accept-licence catalogue:street_manager_permits:2026-04
# An ARCHIVE is a file, or catalogue:SOURCE[:YYYY-MM] (a source of resources/catalogue/catalogue.json,
# e.g. catalogue:street_manager_permits:2026-04 or catalogue:street_manager_section_58:2026-04;
# no month = the latest published), downloaded from the publisher into the store's cache.
# Options:
#   --month YYYY-MM          the dated folder to write (default: see above)
#   --london-only            import only London highway authorities
#   --overlaps-opt ARG       extra qgis_process argument for findworksoverlaps (repeatable),
#                            e.g. --overlaps-opt --DISTANCE=30
#   --restrictions-opt ARG   extra argument for checkrestrictions (repeatable)
#   --force-compare          compare even when the two months used different parameters
#   --profile DIR            QGIS profile folder (default OUTDIR/.qgis-profile)
#   --accept-licence         accept the licence of catalogue sources (without it they are refused,
#                            naming the licence); Street Manager: Open Government Licence v3.0
#   --catalogue FILE         your own catalogue laid over the shipped one (moved address, mirror)
#
# Exit status: 0 all done; 1 a step failed (the message names it); 2 bad usage;
# 3 the routine completed but some archives could not be imported (named at the end).
# A bad archive does not stop the others: it is reported at the end.
set -u -o pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() {
  sed -n '/^# Usage:/,/^# A bad archive/p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
die_usage() { echo "monthly: $*" >&2; usage; }

store="" out="" month="" london_only="false" force_compare="false" profile="" accept_licence="false" catalogue=""
overlaps_opts=() restrictions_opts=() archives=()
while [ $# -gt 0 ]; do
  case "$1" in
    --store) [ $# -ge 2 ] || die_usage "--store needs a path"; store="$2"; shift 2 ;;
    --out) [ $# -ge 2 ] || die_usage "--out needs a folder"; out="$2"; shift 2 ;;
    --month) [ $# -ge 2 ] || die_usage "--month needs YYYY-MM"; month="$2"; shift 2 ;;
    --london-only) london_only="true"; shift ;;
    --overlaps-opt) [ $# -ge 2 ] || die_usage "--overlaps-opt needs an argument"; overlaps_opts+=("$2"); shift 2 ;;
    --restrictions-opt) [ $# -ge 2 ] || die_usage "--restrictions-opt needs an argument"; restrictions_opts+=("$2"); shift 2 ;;
    --force-compare) force_compare="true"; shift ;;
    --profile) [ $# -ge 2 ] || die_usage "--profile needs a folder"; profile="$2"; shift 2 ;;
    --accept-licence) accept_licence="true"; shift ;;
    --catalogue) [ $# -ge 2 ] || die_usage "--catalogue needs a file"; catalogue="$2"; shift 2 ;;
    -h|--help) usage ;;
    --) shift; archives+=("$@"); break ;;
    -*) die_usage "unknown option $1" ;;
    *) archives+=("$1"); shift ;;
  esac
done
[ -n "$store" ] || die_usage "--store is required"
[ -n "$out" ] || die_usage "--out is required"
[ "${#archives[@]}" -gt 0 ] || die_usage "give at least one archive"
if [ -n "$month" ] && ! [[ "$month" =~ ^[0-9]{4}-(0[1-9]|1[0-2])$ ]]; then
  die_usage "--month must be YYYY-MM, not $month"
fi
command -v qgis_process >/dev/null 2>&1 || { echo "monthly: step 'setup' failed: qgis_process not found (install QGIS 3.40)" >&2; exit 1; }

abspath() { case "$1" in /*) printf '%s\n' "$1" ;; *) printf '%s/%s\n' "$PWD" "$1" ;; esac; }
store="$(abspath "$store")"
out="$(abspath "$out")"
[ -z "$catalogue" ] || catalogue="$(abspath "$catalogue")"
for a in "${archives[@]}"; do
  if [[ "$a" == catalogue:* ]] && ! [[ "$a" =~ ^catalogue:[a-z0-9_]+(:[0-9]{4}-(0[1-9]|1[0-2]))?$ ]]; then
    die_usage "a catalogue source is catalogue:SOURCE or catalogue:SOURCE:YYYY-MM, not $a"
  fi
done

# The month of an archive from its path: .../2026/04.zip, 2026-04.zip, 2026_04.zip.
archive_month() {
  if [[ "$1" =~ ([0-9]{4})[/_-](0[1-9]|1[0-2])(\.zip)?$ ]]; then
    printf '%s-%s\n' "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
  fi
}
if [ -z "$month" ]; then
  for a in "${archives[@]}"; do
    m="$(archive_month "$a")"
    if [ -n "$m" ] && [[ "$m" > "$month" ]]; then month="$m"; fi
  done
  [ -n "$month" ] || month="$(date +%Y-%m)"
fi

dir="$out/$month"
mkdir -p "$dir" || { echo "monthly: step 'setup' failed: cannot create $dir" >&2; exit 1; }
log="$dir/monthly.log"
: >"$log"
say() { echo "monthly: $*" | tee -a "$log" >&2; }

# --- environment: the plugin from this checkout, in a profile this script controls ------------
pkgroot="$here/.pkgroot"
mkdir -p "$pkgroot"
if [ ! -e "$pkgroot/dig_once" ]; then
  ln -s "$here" "$pkgroot/dig_once" 2>/dev/null || [ -e "$pkgroot/dig_once" ] \
    || { echo "monthly: step 'setup' failed: cannot link $pkgroot/dig_once" >&2; exit 1; }
fi
export QGIS_PLUGINPATH="$pkgroot"
export QGIS_CUSTOM_CONFIG_PATH="${profile:-$out/.qgis-profile}"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
mkdir -p "$QGIS_CUSTOM_CONFIG_PATH"
# qgis_process runs the system Python: give it the pinned packages of the checkout's venv.
for sp in "$here"/.venv/lib/python3*/site-packages; do
  [ -d "$sp" ] && export PYTHONPATH="$sp${PYTHONPATH:+:$PYTHONPATH}"
done

failed_archives=()
finish_archives_note() {
  if [ "${#failed_archives[@]}" -gt 0 ]; then
    say "archives that could not be imported (${#failed_archives[@]}): ${failed_archives[*]}"
  fi
}

# run_step NAME JSON_FILE qgis_process-args...: stdout (JSON) to JSON_FILE, stderr to the log.
run_step() {
  local name="$1" json="$2"
  shift 2
  echo "== $name: qgis_process $*" >>"$log"
  local rc=0
  qgis_process "$@" >"$json" 2>"$dir/.step.err" || rc=$?
  cat "$dir/.step.err" >>"$log"
  if [ "$rc" -ne 0 ]; then
    cat "$json" >>"$log" 2>/dev/null
    cat "$json" >>"$dir/.step.err" 2>/dev/null
  fi
  return "$rc"
}

# The last meaningful line a failed step wrote.
last_error() {
  grep -v -e XDG_RUNTIME_DIR -e '^[[:space:]]*$' "$dir/.step.err" 2>/dev/null | tail -n 1
}

fail_step() {
  local name="$1" rc="$2" why="${3:-}"
  say "step '$name' failed (exit $rc)${why:+: $why}; details in $log"
  if [ -z "$why" ] && [ -f "$dir/.step.err" ]; then
    grep -v -e XDG_RUNTIME_DIR -e '^$' "$dir/.step.err" | tail -n 8 | sed 's/^/  | /' >&2
  fi
  finish_archives_note
  exit 1
}

say "month $month, store $store, outputs in $dir"
if ! run_step "enable plugin" "$dir/.enable.out" plugins enable dig_once; then
  # qgis_process exits 1 when the plugin is already enabled in this profile: that is fine
  grep -q "already enabled" "$dir/.step.err" "$dir/.enable.out" 2>/dev/null || fail_step "enable plugin" 1
fi

# --- 1. import every archive; one bad archive does not stop the others ----------------------
n_imported=0
for a in "${archives[@]}"; do
  base="$(basename "$a")"
  tag="$(archive_month "$a")"
  tag="${tag:-${base%.*}}"
  if [[ "$a" == catalogue:* ]]; then
    IFS=: read -r _ source source_month <<<"$a"
    fetch_args=(--SOURCE="$source" --STORE="$store" --ACCEPT_LICENCE="$accept_licence")
    [ -n "$source_month" ] && fetch_args+=(--MONTH="$source_month")
    [ -n "$catalogue" ] && fetch_args+=(--CATALOGUE="$catalogue")
    [[ "$source" == street_manager_* ]] && fetch_args+=(--IMPORT_OPTIONS="LONDON_ONLY=$london_only")
    tag="${source}${source_month:+_$source_month}"
    step=fetch done_says="fetched and imported"
    algorithm=(digonce:fetchfromcatalogue "${fetch_args[@]}")
  else
    if [ ! -f "$a" ]; then
      say "import of $a failed: no such file"
      failed_archives+=("$a")
      continue
    fi
    step=import done_says=imported
    algorithm=(digonce:importstreetmanager --INPUT="$(abspath "$a")" --STORE="$store" --LONDON_ONLY="$london_only")
  fi
  if run_step "$step $a" "$dir/import_$tag.json" --json run "${algorithm[@]}"; then
    n_imported=$((n_imported + 1))
    say "$done_says $a"
  else
    rc=$?
    say "$step of $a failed (exit $rc): $(last_error): continuing with the other archives"
    failed_archives+=("$a")
  fi
done
if [ "$n_imported" -eq 0 ]; then
  fail_step "import" 1 "no archive could be imported"
fi

# --- 2. overlaps -------------------------------------------------------------------------------
rm -f "$dir/pairs.gpkg" "$dir/groups.gpkg" "$dir/unusable_works.gpkg"
run_step "find overlaps" "$dir/overlaps.json" --json run digonce:findworksoverlaps \
  --INPUT="$store|layername=works" \
  --OUTPUT="$dir/pairs.gpkg" --OUTPUT_GROUPS="$dir/groups.gpkg" --OUTPUT_UNUSABLE="$dir/unusable_works.gpkg" \
  "${overlaps_opts[@]}" || fail_step "find overlaps" $?
say "overlaps written to $dir/pairs.gpkg and $dir/groups.gpkg"

# --- 3. Section 58 restrictions -----------------------------------------------------------------
rm -f "$dir/restriction_findings.gpkg" "$dir/unusable_restrictions.gpkg"
run_step "check restrictions" "$dir/restrictions.json" --json run digonce:checkrestrictions \
  --WORKS="$store|layername=works" --RESTRICTIONS="$store|layername=restrictions" \
  --OUTPUT="$dir/restriction_findings.gpkg" --OUTPUT_UNUSABLE="$dir/unusable_restrictions.gpkg" \
  "${restrictions_opts[@]}" || fail_step "check restrictions" $?
say "restriction findings written to $dir/restriction_findings.gpkg"

# --- 4. compare with the latest earlier month that has pairs ----------------------------------
previous=""
for d in "$out"/*/; do
  m="$(basename "$d")"
  [[ "$m" =~ ^[0-9]{4}-[0-9]{2}$ ]] || continue
  if [[ "$m" < "$month" ]] && [ -f "$d/pairs.gpkg" ]; then previous="$m"; fi
done
if [ -n "$previous" ]; then
  rm -f "$dir/changes.gpkg" "$dir/group_changes.gpkg"
  groups_args=()
  [ -f "$out/$previous/groups.gpkg" ] && groups_args+=(--PREVIOUS_GROUPS="$out/$previous/groups.gpkg")
  run_step "compare with $previous" "$dir/compare.json" --json run digonce:compareruns \
    --CURRENT="$dir/pairs.gpkg" --PREVIOUS="$out/$previous/pairs.gpkg" \
    --CURRENT_GROUPS="$dir/groups.gpkg" "${groups_args[@]}" --FORCE="$force_compare" \
    --OUTPUT="$dir/changes.gpkg" --OUTPUT_GROUPS="$dir/group_changes.gpkg" \
    || fail_step "compare with $previous" $?
  say "changes since $previous written to $dir/changes.gpkg"
else
  say "no earlier month with pairs in $out: nothing to compare with"
fi

# --- summary -------------------------------------------------------------------------------------
python3 - "$dir" >"$dir/summary.txt" 2>>"$log" <<'PY' || say "could not write summary.txt"
import json, sys
from pathlib import Path

folder = Path(sys.argv[1])
for name in ["import_*.json", "overlaps.json", "restrictions.json", "compare.json"]:
    for path in sorted(folder.glob(name)):
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            results = json.loads(text[text.index("{"):]).get("results", {})
        except ValueError:
            continue
        numbers = {k: v for k, v in results.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
        print(path.stem + ": " + ", ".join(f"{k}={v:g}" for k, v in sorted(numbers.items())))
PY
cat "$dir/summary.txt" >&2

if [ "${#failed_archives[@]}" -gt 0 ]; then
  finish_archives_note
  exit 3
fi
say "done"
exit 0
