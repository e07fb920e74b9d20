#!/usr/bin/env bash
# Tocsin's benchmark suite. Every run starts a FRESH packaged Tocsin (target/quarkus-app/quarkus-run.jar, build it
# with ./tocsin build) with a fresh data directory and the JVM options under test, measures, and stops it.
#
#   bench/run.sh load      ingest + evaluation under bench/Load.java (event clock): samples/s, batch latency,
#                          RSS, heap after GC per series, engine time per batch, alert churn, actions decided,
#                          CPU by thread kind (engine, JIT, GC, HTTP, workers, journal, dispatch, snapshots) over
#                          the measured window
#   bench/run.sh latency   breach -> webhook latency on the wall clock (bench/BreachLatency.java)
#   bench/run.sh startup   launch -> /q/health/ready, several times
#   bench/run.sh replay    time to replay the bundled 48-hour example (examples/Replay.java)
#   bench/run.sh recovery  start-up time on a saved state of SERIES [100000] series and a 48-hour watch
#                          (bench/RecoveryState.java): after kill -9 (snapshot + journal) and after a clean stop
#   bench/run.sh flood     known series alone, then while a flood of unique series runs (bench/SeriesFlood.java,
#                          wall clock): the slowdown of the known series (issue 11: at most 2x)
#   bench/run.sh all       load quiet+storm at 10k and 100k series, then latency, startup, replay
#
# Environment (defaults in brackets):
#   PROFILE [quiet]  quiet | storm     SERIES [10000]    FORMAT [json] json | prw (POST /api/v1/write)
#   CONC [2] connections   BATCH [1000] samples per request   DUR [20] measured seconds   WARMUP [5] seconds
#   RUNS [1] fresh servers per configuration    JAVA_OPTS [-Xmx1g] Tocsin's JVM options (the options under test)
#   JAVA [java]  the java that runs Tocsin, e.g. a JDK 25 with JAVA_OPTS="-XX:AOTCache=target/quarkus-app/tocsin.aot"
#                (the start-up cache ./tocsin build records when a JDK 25 is at hand)
#   JFR [0]  1: record a JFR profile of the measured window (settings=profile) and print its top frames
#   JIT [0]  1: record the JIT's compilations and deoptimisations from ready to the end (load, replay; JFR, bench/jit.jfc,
#            started with jcmd so the start-up cache stays in use) and summarise them (bench/JitTop.java)
#   ASYNC [0]  1: profile CPU with async-profiler (tools.profiler:async-profiler from Maven Central, fetched once
#              into OUT): load, the measured window (interval 10 ms); startup, one more start, launch -> ready
#              (interval 1 ms, not among the timed starts); replay, ready -> the replay's end (interval 1 ms,
#              so the replay is slower). Writes <run>.html (flame graph), <run>.collapsed and
#              <run>.stacks.txt (bench/StackTop.java: samples by thread, by library, hottest methods). It also
#              sees a start with the JDK 25 start-up cache, which JFR cannot record, and the JIT's threads.
#   ASYNC_VERSION [4.1]
#   TIMESTAMPS [rfc3339]  JSON sample timestamps: rfc3339 strings or epoch millis
#   FLOOD_CLIENTS [2] FLOOD_BATCH [100] new series per flood request; MAX_SERIES [200000] tocsin.limits.max-series
#   PORT [18090]  RPORT [18091] (latency receiver)   COUNT [200] breaches   STARTS [5] startups
#   WARM_BREACHES [500] breaches before the measured ones (a fresh JVM runs its first ones interpreted;
#                 20 shows a server just started)
#   LATENCY_LOAD []  quiet | storm: run that load (wall clock, SERIES series) while measuring breach latency
#   OUT [target/bench]  where results.txt (one key=value line per run), logs and recordings go
#   TOCSIN_API_TOKEN   the admin token passed to Tocsin and sent by the generators and curl [a random one per
#                      suite run: every endpoint but /q/health needs a token]
set -euo pipefail
proj=$(cd "$(dirname "$0")/.." && pwd)
cd "$proj"
jar=$proj/target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || { echo "bench: no $jar; run ./tocsin build first" >&2; exit 2; }
command -v curl >/dev/null || { echo "bench: curl is needed" >&2; exit 2; }
out=$(mkdir -p "${OUT:-target/bench}" && cd "${OUT:-target/bench}" && pwd)
results=$out/results.txt
java_opts=${JAVA_OPTS:--Xmx1g}
port=${PORT:-18090}
base=http://127.0.0.1:$port
classes=$out/classes
pid=""
# Every endpoint but health needs a token: each fresh server gets this one as its admin token (named env).
if [ -z "${TOCSIN_API_TOKEN:-}" ]; then
  TOCSIN_API_TOKEN=bench_$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
fi
export TOCSIN_API_TOKEN
auth="Authorization: Bearer $TOCSIN_API_TOKEN"

# The generators are single-file programs; compile them once so the JVM start of a run measures no javac.
mkdir -p "$classes"
javac -d "$classes" bench/Load.java bench/BreachLatency.java bench/JfrTop.java bench/SeriesFlood.java

# The async-profiler agent for this machine, fetched from Maven Central once (ASYNC=1).
async_lib() {
  local ver=${ASYNC_VERSION:-4.1} arch
  case "$(uname -m)" in
    x86_64) arch=linux-x64 ;;
    aarch64) arch=linux-arm64 ;;
    *) echo "bench: async-profiler has no build for $(uname -m)" >&2; exit 2 ;;
  esac
  local dir=$out/async-profiler-$ver
  if [ ! -f "$dir/$arch/libasyncProfiler.so" ]; then
    "$proj/mvnw" -q -B -ntp org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy \
      -Dartifact="tools.profiler:async-profiler:$ver" -DoutputDirectory="$dir" >&2 \
      || { echo "bench: could not fetch async-profiler $ver from Maven Central" >&2; exit 2; }
    (cd "$dir" && jar xf "async-profiler-$ver.jar" "$arch/libasyncProfiler.so")
  fi
  echo "$dir/$arch/libasyncProfiler.so"
}
# async_cmd PID COMMAND: a command (start, dump, stop, with options) to the agent loaded at launch, through the
# attach API (what async-profiler's asprof does); the quotes keep jcmd from reading its commas and equals signs.
async_cmd() { jcmd "$1" JVMTI.agent_load "$async" "\"$2\"" >/dev/null; }
# async_dump PID NAME THREAD-PREFIX: stops profiling, writes NAME.collapsed, NAME.html, NAME.stacks.txt
async_dump() {
  async_cmd "$1" "collapsed,file=$out/$2.collapsed"
  async_cmd "$1" "stop,flamegraph,title=$2,file=$out/$2.html"
  java "$proj/bench/StackTop.java" "$out/$2.collapsed" "$3" >"$out/$2.stacks.txt"
  echo "  profile: $out/$2.html, $out/$2.stacks.txt"
}
async=""
if [ "${ASYNC:-0}" = 1 ]; then async=$(async_lib) || exit 2; fi

stop_tocsin() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"; wait "$pid" 2>/dev/null || true
  fi
  pid=""
}
trap stop_tocsin EXIT

# Readiness is polled with bash alone (its /dev/tcp, and a read that times out on a pipe only this shell holds):
# a curl and a sleep every 20 ms cost about 30 ms of CPU each round here, most of a core taken from the start
# being measured on two cores (the start-up figures of the eleventh session and earlier include that).
exec {nap}<> <(:)
ready_once() {
  local status fd
  exec {fd}<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'GET /q/health/ready HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&"$fd"
  read -r -t 1 -u "$fd" status || true
  exec {fd}<&-
  [[ $status == *" 200 "* ]]
}

# start_tocsin LOG CLOCK [extra java options...]: fresh data dir; sets $pid and $ready_ms (launch -> ready)
start_tocsin() {
  local log=$1 clock=$2; shift 2
  local data; data=${DATA_DIR:-$(mktemp -d "$out/data.XXXXXX")}
  local t0; t0=$(date +%s%N)
  # shellcheck disable=SC2086
  env TOCSIN_CLOCK="$clock" TOCSIN_DATA_DIR="$data" QUARKUS_HTTP_PORT="$port" \
    ${JAVA:-java} $java_opts "$@" -jar "$jar" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1500); do
    ready_once 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || { echo "bench: Tocsin exited; see $log" >&2; tail -5 "$log" >&2; exit 1; }
    read -r -t 0.02 -u "$nap" _ || true
  done
  ready_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
}

# user + system CPU ticks in a /proc stat file: fields 14 and 15, counted after the name, which may hold spaces
# ("VM Thread")
stat_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "$1"; }
rss_mb() { awk '/^VmRSS/{printf "%d", $2/1024}' "/proc/$1/status"; }
hwm_mb() { awk '/^VmHWM/{printf "%d", $2/1024}' "/proc/$1/status"; }
# Heap in use after a full GC, in KiB (jstat works with every collector: survivors + eden + old).
heap_kb() {
  jcmd "$1" GC.run >/dev/null
  jstat -gc "$1" | awk 'NR==1{for(i=1;i<=NF;i++)h[$i]=i} NR==2{printf "%d", $h["S0U"]+$h["S1U"]+$h["EU"]+$h["OU"]}'
}
metrics() { curl -sf -H "$auth" "$base/q/metrics"; }
# CPU time of the server's threads by kind, in clock ticks: where a run's time goes beyond the engine's own
# figure (the JIT compiling at the same time as the load, the collector, HTTP, parsing on the workers).
thread_cpu() {
  for t in /proc/"$1"/task/*; do
    printf '%s\t%s\n' "$(cat "$t/comm" 2>/dev/null)" "$(stat_ticks "$t/stat" 2>/dev/null)"
  done | awk -F'\t' '
    { k = "other" }
    $1 == "tocsin-engine" { k = "engine" }
    $1 ~ /^C[12] CompilerThre/ { k = "jit" }
    $1 == "VM Thread" || $1 ~ /^GC Thread/ || $1 ~ /^G1 / { k = "gc" }
    $1 ~ /^vert\.x-eventloo/ { k = "http" }
    $1 ~ /^executor-thread/ { k = "workers" }
    $1 == "tocsin-journal" { k = "journal" }
    $1 ~ /^tocsin-dispatch/ { k = "dispatch" }
    $1 == "tocsin-snapshot" { k = "snapshot" }
    { t[k] += $2 }
    END { for (k in t) print k, t[k] }'
  # the whole process, threads that have ended included (compiler threads and idle workers come and go)
  echo "process $(stat_ticks "/proc/$1/stat")"
  echo "time $(date +%s.%N)"
}
# cpu_stats BEFORE AFTER: ms of CPU per thread kind between two thread_cpu snapshots ("ended": threads that ended
# in between, whose time the process still counts), and the cores in use over the time between them
cpu_stats() {
  awk -v hz="$(getconf CLK_TCK)" '
    FNR == 1 { f++ }
    { if (f == 1) b[$1] = $2; else a[$1] = $2 }
    END { n = split("engine jit gc http workers journal dispatch snapshot other", ks, " ")
      for (i = 1; i <= n; i++) { d = (a[ks[i]] - b[ks[i]]) * 1000 / hz; sum += d; printf "cpu_%s_ms=%d ", ks[i], d }
      tot = (a["process"] - b["process"]) * 1000 / hz; secs = a["time"] - b["time"]
      printf "cpu_ended_ms=%d cpu_cores=%.2f", tot - sum, (secs > 0 ? tot / 1000 / secs : 0) }' "$1" "$2"
}
# engine_stats BEFORE AFTER: batches, mean, p50, p99 (ms) of tocsin_evaluation_seconds between two scrapes;
# the quantiles are the upper bounds of the histogram buckets they fall in.
engine_stats() {
  awk '
    FNR==1 { f++ }
    /^tocsin_evaluation_seconds_bucket/ { match($0, /le="[^"]*"/); le=substr($0, RSTART+4, RLENGTH-5)
      if (f==1) b0[le]=$NF; else { b1[le]=$NF; les[++n]=le } }
    /^tocsin_evaluation_seconds_count/ { if (f==1) c0=$NF; else c1=$NF }
    /^tocsin_evaluation_seconds_sum/ { if (f==1) s0=$NF; else s1=$NF }
    END { c=c1-c0; if (c<=0) { print "engine_batches=0"; exit }
      p50=""; p99=""
      for (i=1;i<=n;i++) { d=b1[les[i]]-b0[les[i]]
        if (p50=="" && d>=0.5*c) p50=les[i]; if (p99=="" && d>=0.99*c) p99=les[i] }
      printf "engine_batches=%d engine_ms_mean=%.3f engine_ms_p50=%.3f engine_ms_p99=%.3f", c, (s1-s0)/c*1000, p50*1000, p99*1000 }
  ' "$1" "$2"
}
gauge() { awk -v s="$2" '$0 ~ "^tocsin_alerts\\{state=\"" s "\"" {printf "%d", $NF}' "$1"; }
transitions() { # to before after
  awk -v to="$1" '$0 ~ "^tocsin_alert_transitions_total\\{to=\"" to "\"" {v[FILENAME]=$NF}
    END {printf "%d", v[ARGV[3]] - v[ARGV[2]]}' /dev/null "$2" "$3"
}
field() { grep -o " $1=[^ ]*" "$2" | head -1 | cut -d= -f2; }

run_load() { # profile series format run
  local profile=$1 series=$2 format=$3 run=$4
  local name; name=load-$profile-$series-$format-$(date +%H%M%S)
  local log=$out/$name.log
  local jfr_opts=()
  [ "${JFR:-0}" = 1 ] && jfr_opts=(-XX:FlightRecorderOptions=stackdepth=256)
  [ -n "$async" ] && jfr_opts+=("-agentpath:$async") # loaded idle; started after the warm-up
  start_tocsin "$log" event "${jfr_opts[@]}"
  if [ "${JIT:-0}" = 1 ]; then jcmd "$pid" JFR.start name=jit settings="$proj/bench/jit.jfc" >/dev/null; fi
  local heap0; heap0=$(heap_kb "$pid")
  metrics >"$out/$name.m0"
  : >"$out/$name.alerts"
  ( # sample the alert gauges every second: proof that alerts churn, not an assumption
    while kill -0 "$pid" 2>/dev/null; do
      m=$(metrics 2>/dev/null) || break
      echo "$(date +%s) $(echo "$m" | awk '/^tocsin_alerts\{state="pending"/{p=$NF} /^tocsin_alerts\{state="firing"/{f=$NF} /^tocsin_alerts\{state="resolved"/{r=$NF} END{printf "%d %d %d", p, f, r}')"
      sleep 1
    done >>"$out/$name.alerts" ) & local poller=$!
  ( sleep "${WARMUP:-5}"; metrics >"$out/$name.m1"; thread_cpu "$pid" >"$out/$name.cpu1"
    if [ "${JFR:-0}" = 1 ]; then jcmd "$pid" JFR.start name=bench settings=profile >/dev/null; fi
    if [ -n "$async" ]; then async_cmd "$pid" "start,event=cpu,interval=10ms,threads"; fi ) & local marker=$!
  local gen=0
  java -cp "$classes" Load --url "$base" --format "$format" --profile "$profile" --series "$series" \
    --batch "${BATCH:-1000}" --concurrency "${CONC:-2}" --duration "${DUR:-20}" --warmup "${WARMUP:-5}" \
    --clock event --timestamps "${TIMESTAMPS:-rfc3339}" ${TOCSIN_API_TOKEN:+--token "$TOCSIN_API_TOKEN"} \
    >"$out/$name.gen" 2>&1 || gen=$?
  thread_cpu "$pid" >"$out/$name.cpu2" # before the recording is written out, which is not the load's work
  wait "$marker" 2>/dev/null || true
  if [ "${JFR:-0}" = 1 ]; then jcmd "$pid" JFR.stop name=bench filename="$out/$name.jfr" >/dev/null; fi
  if [ -n "$async" ]; then async_dump "$pid" "$name" tocsin-engine; fi
  if [ "${JIT:-0}" = 1 ]; then
    jcmd "$pid" JFR.stop name=jit filename="$out/$name.jit.jfr" >/dev/null
    java "$proj/bench/JitTop.java" "$out/$name.jit.jfr" >"$out/$name.jit.txt" && echo "  JIT: $out/$name.jit.txt"
  fi
  metrics >"$out/$name.m2"
  local rss hwm; rss=$(rss_mb "$pid"); hwm=$(hwm_mb "$pid")
  local last_action; last_action=$(curl -sf -H "$auth" "$base/api/v1/actions?limit=1" | grep -o '"id":"[0-9]*"' | head -1 | tr -dc 0-9)
  local heap1; heap1=$(heap_kb "$pid")
  kill "$poller" 2>/dev/null || true
  stop_tocsin
  local g=$out/$name.gen
  [ -f "$out/$name.m1" ] || cp "$out/$name.m0" "$out/$name.m1"
  # alert transitions in the measured window: tocsin_alert_transitions_total after the warm-up and at the end
  local pend fire resv drop
  pend=$(transitions pending "$out/$name.m1" "$out/$name.m2")
  fire=$(transitions firing "$out/$name.m1" "$out/$name.m2")
  resv=$(transitions resolved "$out/$name.m1" "$out/$name.m2")
  drop=$(transitions dropped "$out/$name.m1" "$out/$name.m2")
  local alerts_range; alerts_range=$(awk 'NF==4{ if(!n++){pmin=pmax=$2; fmin=fmax=$3} if($2<pmin)pmin=$2; if($2>pmax)pmax=$2; if($3<fmin)fmin=$3; if($3>fmax)fmax=$3; if($4>r)r=$4 }
    END{printf "pending_min=%d pending_max=%d firing_min=%d firing_max=%d resolved_max=%d", pmin, pmax, fmin, fmax, r}' "$out/$name.alerts")
  local line
  line="run=$name profile=$profile format=$format series=$series conc=${CONC:-2} batch=${BATCH:-1000} dur_s=${DUR:-20}"
  line+=" timestamps=${TIMESTAMPS:-rfc3339} java_opts=\"$java_opts\" samples_per_s=$(field samples_per_s "$g") p50_ms=$(field p50_ms "$g")"
  line+=" p99_ms=$(field p99_ms "$g") non2xx=$(field non2xx "$g") failures=$(field failures "$g") gen_exit=$gen"
  line+=" rss_mb=$rss rss_peak_mb=$hwm heap_base_mb=$((heap0 / 1024)) heap_after_gc_mb=$((heap1 / 1024))"
  line+=" heap_per_series_b=$(( (heap1 - heap0) * 1024 / series )) $(engine_stats "$out/$name.m1" "$out/$name.m2")"
  line+=" $alerts_range alerts_pending=$pend alerts_fired=$fire alerts_resolved=$resv alerts_dropped=$drop"
  line+=" actions=${last_action:-0} stale_series=$(awk '/^tocsin_series\{state="stale"/{printf "%d", $NF}' "$out/$name.m2")"
  line+=" ready_ms=$ready_ms"
  [ -s "$out/$name.cpu1" ] && line+=" $(cpu_stats "$out/$name.cpu1" "$out/$name.cpu2")"
  echo "$line" | tee -a "$results"
  if [ "${JFR:-0}" = 1 ]; then
    java -cp "$classes" JfrTop "$out/$name.jfr" >"$out/$name.jfr.txt" && echo "  profile: $out/$name.jfr.txt"
  fi
}

cmd_load() {
  local profiles=${PROFILE:-quiet} sizes=${SERIES:-10000} first
  first=1
  [ -f "$results" ] && first=$(( $(wc -l <"$results") + 1 ))
  for profile in $profiles; do for series in $sizes; do for r in $(seq "${RUNS:-1}"); do
    run_load "$profile" "$series" "${FORMAT:-json}" "$r"
  done; done; done
  summary "$first"
}

# A table of the load runs from line $1 of results.txt on, for people.
summary() {
  tail -n "+$1" "$results" | grep '^run=load-' | awk '
    { delete f; for (i = 1; i <= NF; i++) { k = $i; sub(/=.*/, "", k); v = $i; sub(/^[^=]*=/, "", v); f[k] = v }
      if (!hdr++) printf "\n%-7s %-6s %8s %-5s %9s %8s %8s %6s %8s %10s %9s %9s %8s %8s %8s %5s %7s\n", "profile", \
        "format", "series", "conn", "samples/s", "p50 ms", "p99 ms", "RSS MB", "heap MB", "heap B/ser", "engine ms", \
        "eng p99", "fired", "resolved", "actions", "cores", "JIT ms"
      printf "%-7s %-6s %8s %-5s %9s %8s %8s %6s %8s %10s %9s %9s %8s %8s %8s %5s %7s\n", f["profile"], f["format"], \
        f["series"], f["conc"], f["samples_per_s"], f["p50_ms"], f["p99_ms"], f["rss_mb"], f["heap_after_gc_mb"], \
        f["heap_per_series_b"], f["engine_ms_mean"], f["engine_ms_p99"], f["alerts_fired"], f["alerts_resolved"], \
        f["actions"], f["cpu_cores"], f["cpu_jit_ms"] }'
  echo "(engine ms: tocsin_evaluation_seconds per batch over the measured window, mean and p99 bucket;"
  echo " fired/resolved: alert transitions in the run; actions: records decided. The machine is shared: treat"
  echo " samples/s as preliminary unless it was quiet. cores: the server's CPU over the measured window; JIT ms:"
  echo " of it, the compiler threads'; results.txt has every thread kind as cpu_<kind>_ms.)"
}

cmd_latency() {
  local rport=${RPORT:-18091} name; name=latency-$(date +%H%M%S)
  start_tocsin "$out/$name.log" wall -Dtocsin.webhooks.ticketing.url="http://127.0.0.1:$rport/hook"
  local load=""
  if [ -n "${LATENCY_LOAD:-}" ]; then # the same breaches while a wall-clock load of that profile runs
    java -cp "$classes" Load --url "$base" --profile "$LATENCY_LOAD" --series "${SERIES:-10000}" \
      --concurrency "${CONC:-2}" --clock wall --warmup 0 --duration 600 \
      ${TOCSIN_API_TOKEN:+--token "$TOCSIN_API_TOKEN"} >"$out/$name.gen" 2>&1 & load=$!
    sleep 5
  fi
  java -cp "$classes" BreachLatency --url "$base" --port "$rport" --count "${COUNT:-200}" --warmup "${WARM_BREACHES:-500}" \
    ${TOCSIN_API_TOKEN:+--token "$TOCSIN_API_TOKEN"} | tee "$out/$name.out"
  [ -n "$load" ] && { kill "$load" 2>/dev/null; wait "$load" 2>/dev/null || true; }
  stop_tocsin
  echo "run=$name java_opts=\"$java_opts\" background=${LATENCY_LOAD:-none}$(grep '^RESULT' "$out/$name.out" | cut -c7-)" >>"$results"
}

cmd_startup() {
  local name; name=startup-$(date +%H%M%S)
  local all=() quarkus=()
  if [ -n "$async" ]; then # profiled from the JVM's start to ready; slower, so not one of the timed starts
    start_tocsin "$out/$name-profiled.log" event "-agentpath:$async=start,event=cpu,interval=1ms,threads"
    echo "profiled start: ready in $ready_ms ms"
    async_dump "$pid" "$name-profiled" main
    stop_tocsin
  fi
  for i in $(seq "${STARTS:-5}"); do
    start_tocsin "$out/$name-$i.log" event
    all+=("$ready_ms")
    stop_tocsin
    quarkus+=("$(grep -o 'started in [0-9.]*s' "$out/$name-$i.log" | tr -dc '0-9.')")
  done
  local qmedian; qmedian=$(printf '%s\n' "${quarkus[@]}" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  local sorted; sorted=$(printf '%s\n' "${all[@]}" | sort -n | tr '\n' ' ')
  local median; median=$(printf '%s\n' "${all[@]}" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  echo "startup (launch -> /q/health/ready) ms: $sorted(median $median); Quarkus' own 'started in' median ${qmedian}s"
  echo "run=$name java_opts=\"$java_opts\" starts=${#all[@]} ready_ms_median=$median ready_ms_all=$(echo "$sorted" | tr ' ' ',' | sed 's/,$//') quarkus_started_s_median=$qmedian" >>"$results"
}

cmd_recovery() {
  local series=${SERIES:-100000} name; name=recovery-$series-$(date +%H%M%S)
  local data; data=$(mktemp -d "$out/data.XXXXXX")
  local log=$out/$name.log
  # every series is still held at the end: staleness and retention outlast the 48 hours of event time
  export TOCSIN_STALENESS=72h TOCSIN_SERIES_RETENTION=72h
  DATA_DIR=$data start_tocsin "$log" event
  local fresh=$ready_ms
  local t0; t0=$(date +%s%N)
  java bench/RecoveryState.java "$base" "$series" | tee -a "$log"
  local build_s=$(( ($(date +%s%N) - t0) / 1000000000 ))
  local held; held=$(metrics | awk '/^tocsin_series\{/{s+=$NF} END{printf "%d", s}')
  kill -9 "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  local journal_kb; journal_kb=$(du -sk "$data/state/journal" | cut -f1)
  DATA_DIR=$data start_tocsin "$log" event
  local after_kill=$ready_ms
  local replayed; replayed=$(grep -o 'snapshot at [0-9]* and [0-9]* journal entries replayed in [0-9]* ms' "$log" | tail -1)
  stop_tocsin
  local snapshot_kb; snapshot_kb=$(du -sk "$data"/state/snapshot-*.json.gz | tail -1 | cut -f1)
  DATA_DIR=$data start_tocsin "$log" event
  local after_stop=$ready_ms
  local restored; restored=$(metrics | awk '/^tocsin_series\{/{s+=$NF} END{printf "%d", s}')
  stop_tocsin
  unset TOCSIN_STALENESS TOCSIN_SERIES_RETENTION
  echo "recovery: $held series and a 48 h watch (built in ${build_s}s; journal ${journal_kb} KiB): ready in ${after_kill} ms after kill -9 (${replayed}), ${after_stop} ms after a clean stop (snapshot ${snapshot_kb} KiB, ${restored} series back); a fresh start: ${fresh} ms"
  echo "run=$name java_opts=\"$java_opts\" series=$held ready_after_kill_ms=$after_kill ready_after_stop_ms=$after_stop fresh_ready_ms=$fresh journal_kb=$journal_kb snapshot_kb=$snapshot_kb series_restored=$restored" >>"$results"
}

cmd_replay() {
  local name; name=replay-$(date +%H%M%S)
  if [ -n "$async" ]; then # profiled from ready to the replay's end, interval 1 ms
    start_tocsin "$out/$name.log" event "-agentpath:$async"
    async_cmd "$pid" "start,event=cpu,interval=1ms,threads"
  else
    start_tocsin "$out/$name.log" event
  fi
  if [ "${JIT:-0}" = 1 ]; then jcmd "$pid" JFR.start name=jit settings="$proj/bench/jit.jfc" >/dev/null; fi
  local cpu0; cpu0=$(stat_ticks "/proc/$pid/stat")
  local t0; t0=$(date +%s%N)
  java examples/Replay.java examples/genesis-48h "$base" | tee "$out/$name.out"
  local ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  local server_cpu; server_cpu=$(( ($(stat_ticks "/proc/$pid/stat") - cpu0) * 1000 / $(getconf CLK_TCK) ))
  if [ -n "$async" ]; then async_dump "$pid" "$name" tocsin-engine; fi
  if [ "${JIT:-0}" = 1 ]; then
    jcmd "$pid" JFR.stop name=jit filename="$out/$name.jit.jfr" >/dev/null
    java "$proj/bench/JitTop.java" "$out/$name.jit.jfr" >"$out/$name.jit.txt" && echo "  JIT: $out/$name.jit.txt"
  fi
  stop_tocsin
  local inner; inner=$(grep -o 'in [0-9.]* s' "$out/$name.out" | tr -dc '0-9.')
  local state; state=$(sed -n 's/^watch: //p' "$out/$name.out")
  echo "replay: ${ms} ms for the command (with javac of Replay.java), ${inner} s of posting, ${server_cpu} ms of" \
    "the server's CPU; watch $state"
  echo "run=$name java_opts=\"$java_opts\" command_ms=$ms replay_s=$inner server_cpu_ms=$server_cpu watch=$state" \
    >>"$results"
}

cmd_flood() {
  local name; name=flood-$(date +%H%M%S)
  start_tocsin "$out/$name.log" wall -Dtocsin.limits.max-series="${MAX_SERIES:-200000}"
  java -cp "$classes" SeriesFlood --url "$base" --token "$TOCSIN_API_TOKEN" --series "${SERIES:-10000}" \
    --batch "${BATCH:-1000}" --flood-clients "${FLOOD_CLIENTS:-2}" --flood-batch "${FLOOD_BATCH:-100}" \
    --duration "${DUR:-20}" --warmup "${WARMUP:-5}" | tee "$out/$name.out"
  local series; series=$(metrics | awk '/^tocsin_series\{/{s+=$NF} END{printf "%d", s}')
  local heap; heap=$(heap_kb "$pid")
  stop_tocsin
  echo "run=$name java_opts=\"$java_opts\" series_held=$series heap_after_gc_kb=$heap$(grep '^RESULT' "$out/$name.out" | cut -c7-)" >>"$results"
}

case "${1:-}" in
  load) cmd_load ;;
  flood) cmd_flood ;;
  latency) cmd_latency ;;
  startup) cmd_startup ;;
  replay) cmd_replay ;;
  recovery) cmd_recovery ;;
  all)
    PROFILE="quiet storm" SERIES="10000 100000" cmd_load
    cmd_latency; cmd_startup; cmd_replay ;;
  *) sed -n '2,/^set -euo/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
echo "results: $results"
