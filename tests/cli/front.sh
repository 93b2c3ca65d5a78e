#!/usr/bin/env bash
# The `pantau` front: lists tools, runs them git-style, shows their help.
set -u
bin=$1/pantau
failures=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; failures=$((failures + 1)); fi; }

out=$("$bin"); check "no arguments lists the tools" '[ $? -eq 0 ] && echo "$out" | grep -q "normalize" && echo "$out" | grep -q "fetch-accounts"'
out=$("$bin" --help); check "--help lists the tools" 'echo "$out" | grep -q "^  classify "'
out=$("$bin" --version); check "--version" 'echo "$out" | grep -Eq "^pantau \(pantau\) [0-9]+\.[0-9]+\.[0-9]+$"'
out=$("$bin" normalize --version); check "runs pantau-normalize from its own directory" 'echo "$out" | grep -q "^pantau-normalize (pantau)"'
out=$(echo '{"kind":"probe"}' | "$bin" classify); check "passes stdin and arguments through" '[ "$out" = "{\"kind\":\"probe\"}" ]'
out=$("$bin" help report); check "help TOOL shows the tool's help" 'echo "$out" | grep -q "pantau-report"'
"$bin" nosuchtool 2>/dev/null; rc=$?; check "an unknown tool is a usage error" '[ $rc -eq 2 ]'
err=$("$bin" norm 2>&1); check "suggests a tool for a prefix" 'echo "$err" | grep -q "Did you mean .pantau normalize."'
echo '{}' | "$bin" normalize --bogus >/dev/null 2>&1; rc=$?; check "the tool's exit code is passed on" '[ $rc -eq 2 ]'
exit $((failures > 0))
