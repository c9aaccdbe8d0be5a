#!/usr/bin/env bash
# Start-up benchmark: publishes mpyd as users get it (Release, native AOT) and times whole
# commands, N runs each, reporting the median. With an mpy-cross on PATH (or MPY_CROSS=path) the
# same compile is timed with it in the same run, for a ratio on the same machine and load.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${RUNS:-15}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
case "$(uname -m)" in aarch64|arm64) arch=arm64 ;; *) arch=x64 ;; esac
case "$(uname -s)" in Darwin) os=osx ;; *) os=linux ;; esac
dotnet publish src/MountDaemon -c Release -r "$os-$arch" -o "$out/pub" -v q >/dev/null
printf 'x = 1\ndef f(a):\n    return a * 2\nprint(f(x))\n' > "$out/small.py"

median_ms() { # command... -> median wall time in ms over $runs runs
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

echo "load: $(cut -d' ' -f1-3 /proc/loadavg), $runs runs each, median wall time"
version=$(median_ms "$out/pub/mpyd" version)
compile=$(median_ms "$out/pub/mpyd" compile "$out/small.py" -o "$out/small.mpy")
sim=$(median_ms "$out/pub/mpyd" connect sim eval 1)
echo "mpyd version                    ${version} ms"
echo "mpyd compile small.py           ${compile} ms"
echo "mpyd connect sim eval 1         ${sim} ms"
cross=${MPY_CROSS:-$(command -v mpy-cross || true)}
if [ -n "$cross" ]; then
  ref=$(median_ms "$cross" -o "$out/ref.mpy" "$out/small.py")
  echo "mpy-cross small.py              ${ref} ms  (mpyd compile / mpy-cross = $(awk "BEGIN {printf \"%.1f\", $compile / ($ref > 0 ? $ref : 1)}")x)"
fi
