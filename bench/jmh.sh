#!/usr/bin/env bash
# JMH benchmarks of the engine's evaluation pass (bench/jmh, Maven profile jmh). Builds the application and the
# benchmarks, then runs JMH on the packaged application's classpath (the build-time compiled rules live in
# target/quarkus-app/quarkus/generated-bytecode.jar). Arguments go to JMH, e.g.
#   bench/jmh.sh                                   # quiet and storm, 10k series, batches of 1,000
#   bench/jmh.sh -p profile=storm -p feedback=true,false -p log=INFO,OFF
#   bench/jmh.sh -f 1 -wi 2 -i 3 -prof gc          # shorter, with allocation rates
# JAVA_HOME chooses the JDK that builds and runs them (else the java on the PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp -Pjmh package -DskipTests
./mvnw -B -q -ntp -Pjmh dependency:build-classpath -Dmdep.outputFile=target/jmh.classpath \
  -Dmdep.includeArtifactIds=jmh-core,jopt-simple,commons-math3 >/dev/null
app=target/quarkus-app
cp="target/test-classes:$app/quarkus/generated-bytecode.jar:$app/quarkus/transformed-bytecode.jar:$(ls $app/app/*.jar | tr '\n' ':')$app/lib/main/*:$app/lib/boot/*:$(cat target/jmh.classpath)"
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Dorg.jboss.logging.provider=jdk -cp "$cp" org.openjdk.jmh.Main "${@:-EvaluationBenchmark}"
