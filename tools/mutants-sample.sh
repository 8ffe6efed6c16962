#!/bin/bash
# Mutation testing of one area on a sample of its mutants (TESTING.md,
# "Mutation testing"). Runs IN PLACE: run it in a copy of the tree (with a
# copy of target/debug to start warm), never where you edit.
#
#   tools/mutants-sample.sh AREA OUTDIR SHARD [more cargo-mutants args]
#   AREA: rules | route | analysis | lint
#   SHARD: k/n (every n-th mutant, from the k-th), or - for all of them
#
# Each mutant is built without debug info for carepath (dependencies keep
# the dev profile's, so a warm target dir stays warm), without the `cli`
# feature (no binary to link), and only the test targets that exercise the
# area are built and run, with small proptest case counts.
set -u
area=$1; out=$2; shard=$3; shift 3; [ "$shard" = - ] && shard=
export PROPTEST_CASES=48 COVERAGE_CASES=48 LINT_CASES=24
cargo_args() { for x in "$@"; do printf -- '-C\n%s\n' "$x"; done; }
case $area in
  rules) files='src/model/rules/**'; skip=(-- -- --skip analysis::)
         tests=(--lib --test=rules_props --test=explanations --test=stepped_care --test=ages --test=routes --test=hostile);;
  route) files='src/query/route/**'; skip=(-- -- --skip analysis::)
         tests=(--lib --test=routes --test=routes_differential --test=route_small --test=route_answers --test=route_kept_ways --test=route_deferred --test=explanations --test=stepped_care --test=hostile);;
  analysis) files='src/analysis/**'; skip=()
         tests=(--lib --test=coverage_differential --test=coverage_table --test=coverage_budget --test=stepped_care);;
  lint)  files='src/lint/**'; skip=(-- -- --skip analysis::)
         tests=(--lib --test=lint_semantic --test=lint_catalogue --test=lint_conflicts --test=scenario_files --test=stepped_care);;
  *) echo "area: rules | route | analysis | lint" >&2; exit 2;;
esac
mapfile -t targets < <(cargo_args "${tests[@]}" \
  --config=profile.dev.package.carepath.debug=0 --config=profile.test.package.carepath.debug=0)
exec nice -n 19 cargo mutants --in-place --baseline skip --no-shuffle \
  --timeout 150 --build-timeout 400 --no-default-features --features testing \
  "${targets[@]}" -f "$files" ${shard:+--shard "$shard" --sharding round-robin} \
  -o "$out" "$@" ${skip[@]+"${skip[@]}"}
