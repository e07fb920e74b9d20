#!/usr/bin/env bash
# Heap per idle series: a fresh Tocsin (event clock) takes SERIES series of a metric no rule reads, one sample
# each, then the heap in use after a full GC is compared with the heap before (jcmd GC.run + jstat, as run.sh).
# Usage: SERIES=100000 JAVA_OPTS="-Xmx512m -XX:+UseSerialGC" bench/idle_heap.sh
set -euo pipefail
cd "$(dirname "$0")/.."
series=${SERIES:-100000}
port=${PORT:-18097}
token=${TOCSIN_API_TOKEN:-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}
data=$(mktemp -d)
TOCSIN_CLOCK=event TOCSIN_DATA_DIR="$data" TOCSIN_API_TOKEN="$token" QUARKUS_HTTP_PORT=$port \
  java ${JAVA_OPTS:--Xmx512m -XX:+UseSerialGC} -jar target/quarkus-app/quarkus-run.jar >"$data/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$data"' EXIT
until curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do sleep 0.1; done
heap_kb() {
  jcmd "$pid" GC.run >/dev/null
  jstat -gc "$pid" | awk 'NR==1{for(i=1;i<=NF;i++)h[$i]=i} NR==2{printf "%d", $h["S0U"]+$h["S1U"]+$h["EU"]+$h["OU"]}'
}
before=$(heap_kb)
python3 - "$port" "$token" "$series" <<'PY'
import http.client, json, sys
port, token, n = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
c = http.client.HTTPConnection("127.0.0.1", port)
for start in range(0, n, 1000):
    body = json.dumps([{"metric": "bench_idle_gauge", "labels": {"instance": "host-%d" % i, "job": "idle"},
                        "value": 1.0, "timestamp": 1760000000000} for i in range(start, min(n, start + 1000))])
    c.request("POST", "/api/v1/samples", body, {"Content-Type": "application/json", "Authorization": "Bearer " + token})
    r = c.getresponse(); r.read()
    assert r.status == 200, r.status
PY
after=$(heap_kb)
echo "idle series: $series; heap after GC before ${before} KiB, after ${after} KiB; $(( (after - before) * 1024 / series )) bytes per series"
