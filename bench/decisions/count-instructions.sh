#!/usr/bin/env bash
# bench/decisions/count-instructions.sh BUILD_DIR: instructions per may_disclose in the loop of
# the benchmark, counted by cachegrind (valgrind) as the difference between 2N and N questions,
# so that loading the questions cancels out. Unlike the timing, it does not move with the load
# of a shared machine: use it to compare two versions of the generator.
set -euo pipefail
if [ $# -ne 1 ] || [ ! -d "$1" ]; then
  echo "usage: bench/decisions/count-instructions.sh BUILD_DIR (the folder policyc was built in)" >&2
  exit 2
fi
build="$(cd "$1" && pwd)"
work="$build/bench/decisions"
loop="$work/policyc_decision_loop"
[ -x "$loop" ] || { echo "count-instructions.sh: $loop is missing; build the target policyc_decision_loop" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "count-instructions.sh: valgrind is missing (apt-get install valgrind)" >&2; exit 2; }

n=1000000
instructions() {
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
    "$loop" "$work/tuples.txt" "$1" 2>&1 | sed -n 's/.*I *refs: *//p' | tr -d ','
}
once=$(instructions "$n")
twice=$(instructions $((2 * n)))
echo "instructions per may_disclose, loop included: $(( (twice - once) / n ))" \
  "($(( twice - once )) for $n questions)"
