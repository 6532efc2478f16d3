#!/usr/bin/env bash
# The GitHub Action's step (action.yml): checks the resumes named by the
# inputs, writes workflow annotations to the log, a Markdown ranking to the
# job summary and, when asked, a SARIF file for code scanning. Exits with
# rolefit's exit code (0 ok, 1 below --min-score, 2 a file could not be read).
#
# Inputs come from the environment, as the action passes them:
#   INPUT_PATHS      files or folders, separated by spaces or newlines (default .)
#   INPUT_ROLE       a role id (default: the best fit)
#   INPUT_MIN_SCORE  fail below this score
#   INPUT_JOB        a job posting to check against
#   INPUT_BASELINE   an earlier JSON report: fail only on what got worse
#   INPUT_SARIF      write a SARIF 2.1.0 file here
#   ROLEFIT          the rolefit binary (default: rolefit on PATH)
#   GITHUB_STEP_SUMMARY  the job summary file (set by the runner)
set -euo pipefail

rolefit="${ROLEFIT:-rolefit}"
read -r -d '' -a paths <<<"${INPUT_PATHS:-.}" || true
args=(check --no-progress)
[[ -n "${INPUT_ROLE:-}" ]] && args+=(--role "$INPUT_ROLE")
[[ -n "${INPUT_MIN_SCORE:-}" ]] && args+=(--min-score "$INPUT_MIN_SCORE")
[[ -n "${INPUT_JOB:-}" ]] && args+=(--job "$INPUT_JOB")
[[ -n "${INPUT_BASELINE:-}" ]] && args+=(--baseline "$INPUT_BASELINE")

# Annotations: the runner reads workflow commands from the log.
status=0
"$rolefit" "${args[@]}" --format github "${paths[@]}" || status=$?

if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
    "$rolefit" "${args[@]}" --format markdown "${paths[@]}" >>"$GITHUB_STEP_SUMMARY" || true
fi
if [[ -n "${INPUT_SARIF:-}" ]]; then
    "$rolefit" "${args[@]}" --format sarif --output "$INPUT_SARIF" "${paths[@]}" || true
fi
exit "$status"
