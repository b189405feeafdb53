#!/usr/bin/env bash
# bench/decisions/run.sh BUILD_DIR: median nanoseconds per may_disclose of the generated
# header (Google Benchmark) and per decision of the same questions in Cedar (cedar-wasm under
# node), and their ratio. Both sides first check every answer against the reference
# evaluator. Needs `scripts/setup bench` and network access to the npm registry once.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ $# -ne 1 ] || [ ! -d "$1" ]; then
  echo "usage: bench/decisions/run.sh BUILD_DIR (the folder policyc was built in)" >&2
  exit 2
fi
build="$(cd "$1" && pwd)"
work="$build/bench/decisions"
bench="$work/policyc_bench_decisions"
[ -x "$bench" ] || { echo "run.sh: $bench is missing; build the target policyc_bench_decisions" >&2; exit 2; }

"$bench" "$work/tuples.txt" --benchmark_repetitions=10 --benchmark_report_aggregates_only=true \
  --benchmark_format=json --benchmark_out_format=json --benchmark_out="$work/cpp.json" >/dev/null

# The Cedar side runs from its own npm prefix in the build folder.
node_dir="$work/node"
mkdir -p "$node_dir"
cp "$here/package.json" "$node_dir/package.json"
if [ ! -d "$node_dir/node_modules/@cedar-policy/cedar-wasm" ]; then
  (cd "$node_dir" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi
cp "$here/cedar-bench.cjs" "$node_dir/cedar-bench.cjs"
# --no-liftoff: compile Cedar's wasm optimised from the start; with V8's default tiering the
# baseline code runs for most of the measurement (about 15 times slower here).
(cd "$node_dir" && node --no-liftoff cedar-bench.cjs "$work/policy.cedar" "$work/entities.json" \
  "$work/tuples.txt" 10) >"$work/cedar.json"

node - "$work/cpp.json" "$work/cedar.json" "$work/tuples.txt" <<'JS'
const fs = require('fs');
const [cppPath, cedarPath, tuplesPath] = process.argv.slice(2);
const cpp = JSON.parse(fs.readFileSync(cppPath, 'utf8'));
const cedar = JSON.parse(fs.readFileSync(cedarPath, 'utf8'));
// Google Benchmark reports wall-clock (real) and processor (cpu) time per iteration; on a
// shared machine the wall clock also counts time the benchmark thread spent descheduled.
const median = (name, field) => {
  const row = cpp.benchmarks.find((b) => b.run_name === name && b.aggregate_name === 'median');
  if (row.time_unit !== 'ns') throw new Error('unexpected time unit ' + row.time_unit);
  return row[field];
};
const wall = median('BM_MayDisclose', 'real_time');
const cpuTime = median('BM_MayDisclose', 'cpu_time');
const allowedOnly = median('BM_MayDiscloseAllowedOnly', 'cpu_time');
const questions = fs.readFileSync(tuplesPath, 'utf8').trim().split('\n').length;
const load = (cpp.context.load_avg || []).map((x) => x.toFixed(1)).join(' ');
console.log(`questions: ${questions} (tuples.txt); every answer of both checked against the reference evaluator`);
console.log(`machine: ${cpp.context.num_cpus} CPUs at ${cpp.context.mhz_per_cpu} MHz, load average ${load}`);
console.log(`C++ may_disclose (generated header): median ${cpuTime.toFixed(2)} ns per decision (processor time), ${wall.toFixed(2)} ns wall clock`);
console.log(`C++ may_disclose, only .allowed used: median ${allowedOnly.toFixed(2)} ns per decision (processor time)`);
console.log(`Cedar ${cedar.cedar} (cedar-wasm, node ${cedar.node}): median ${cedar.median_ns.toFixed(0)} ns per decision`);
console.log(`ratio Cedar / C++: ${Math.round(cedar.median_ns / cpuTime)}x`);
console.log(`target (at most 5 ns per may_disclose): ${cpuTime <= 5 ? 'met' : 'MISSED'}`);
process.exit(cpuTime <= 5 ? 0 : 1);
JS
