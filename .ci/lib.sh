# Shared by .ci/run and .ci/selftest: source it, do not run it.
#
# gate NAME [--grep REGEX | --tail N] -- COMMAND [ARG...]
#
# Runs COMMAND with its standard output and error captured to a log file, shows part of that log (the lines
# matching REGEX, the last N lines, or all of it), and returns COMMAND's own exit status. On failure it also
# prints the last 60 lines of the log and "FAILED: NAME (exit S)" on standard error, so a failing step is seen
# even when the filter would hide why.
#
# Why not "COMMAND | grep REGEX || true": "|| true" makes the pipeline succeed whatever COMMAND did, and then
# PIPESTATUS describes "true", not COMMAND, so such a gate can never fail (issue 18). Here COMMAND runs alone,
# its status is kept before anything else runs, and filtering the log cannot change it: a filter that matches
# nothing shows nothing and the status stays COMMAND's.
gate() {
  local name=${1:?gate: NAME missing}
  shift
  local mode=all arg=""
  case "${1:-}" in
    --grep) mode=grep; arg=${2:?gate: --grep needs a REGEX}; shift 2 ;;
    --tail) mode=tail; arg=${2:?gate: --tail needs a line count}; shift 2 ;;
  esac
  if [ "${1:-}" != "--" ]; then
    echo "gate: usage: gate NAME [--grep REGEX | --tail N] -- COMMAND [ARG...]" >&2
    return 2
  fi
  shift
  if [ "$#" -eq 0 ]; then
    echo "gate: $name: no command given" >&2
    return 2
  fi

  local log status=0
  log=$(mktemp "${TMPDIR:-/tmp}/fenliu-ci.XXXXXX") || return 2
  echo "== $name: $*"
  "$@" >"$log" 2>&1 || status=$?
  case "$mode" in
    grep) grep -E -- "$arg" "$log" || true ;;
    tail) tail -n "$arg" "$log" ;;
    all) cat "$log" ;;
  esac
  if [ "$status" -ne 0 ]; then
    {
      echo "-- last 60 lines of $name's output ($log):"
      tail -n 60 "$log"
      echo "FAILED: $name (exit $status)"
    } >&2
    return "$status"
  fi
  echo "== passed: $name"
  rm -f "$log"
  return 0
}
