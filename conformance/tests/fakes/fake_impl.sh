#!/bin/sh
# A fake "implementation" for the harness's own tests. It has nothing to do with Falco's
# behaviour: each MODE exercises one mechanism of the harness (input, channels, signals, exit).
# Usage: fake_impl.sh MODE|auto -c falco.yaml [ARGS...]   (the harness appends "-c falco.yaml ...")
mode=$1
shift
config=
while [ $# -gt 0 ]; do
    case "$1" in
        -c) config=$2; shift ;;
        --alerts) alerts=$2; shift ;;
    esac
    shift
done
setting() { sed -n "s/^ *$1: *//p" "$config" | tr -d '"' | head -n 1; }
# `auto`: the case's config names the mode in a comment line "# fake: MODE", so one --impl
# string serves the whole harness test suite.
if [ "$mode" = auto ]; then
    mode=$(sed -n 's/^# fake: *//p' "$config" | head -n 1)
fi

case "$mode" in
    cat) exec cat ;;
    fifo) exec cat "$alerts" ;;
    sed) exec sed 's/1/3/' ;;
    file)
        out=$(setting filename)
        while IFS= read -r line; do printf '%s\n' "$line" >>"$out"; done ;;
    # Delivery accounting (expect.delivery): each one breaks it in one way.
    lose) exec sed '7d' ;;                                   # alert 7 never arrives
    reorder) exec sed -n '5{h;d};6{p;x};p' ;;                # alerts 5 and 6 swapped
    duplicate) exec sed '3p' ;;                              # alert 3 twice
    split)  # stdout gets every line, the file all but line 4: channels disagree
        out=$(setting filename)
        exec awk -v f="$out" '{ print; fflush(); if (NR != 4) { print >> f; fflush(f) } }' ;;
    ls) cat >/dev/null; ls -1p ;;
    pid_and_mode)  # its own PID without a newline, and a new file (mode: 0666 under the umask)
        cat >/dev/null
        printf '%s' "$$" >pid.txt
        : >made.txt ;;
    alerts_file) cat >/dev/null; cat "$FALCO_CONFORMANCE_ALERTS" ;;  # what adapters see first                            # what setup: left in the work dir
    refused)  # {{closed_port_url}}: the connection must be refused (curl exit code 7)
        url=$(setting url)
        cat >/dev/null
        curl -s -o /dev/null "$url"
        echo "curl exit $?" ;;
    emit)  # writes the config's emit_stdout and emit_stderr (printf %b escapes): comparison tests
        cat >/dev/null
        printf '%b' "$(setting emit_stdout)"
        printf '%b' "$(setting emit_stderr)" >&2 ;;
    exit3) exit 3 ;;
    exit77)  # an adapter that cannot carry the case (docs/REAL-FALCO.md section 5)
        echo "fake_impl.sh: cannot run this case faithfully" >&2
        exit 77 ;;
    hang) exec sleep "${HANG_SECONDS:-3600}" ;;  # HANG_SECONDS: tests tell their sleeps apart
    stderr)
        cat >/dev/null
        echo "Fri Nov 27 04:49:18 2026: SIGINT received, exiting..." >&2 ;;
    syslog)
        while IFS= read -r line; do logger -t falco -p user.warning -- "$line"; done ;;
    usr1)
        # python3: dash's `read` ends the loop when a trapped signal interrupts it.
        exec python3 -u -c '
import signal, sys
signal.signal(signal.SIGUSR1, lambda *a: print("reopened", flush=True))
signal.signal(signal.SIGTERM, lambda *a: (print("terminated", flush=True), sys.exit(0)))
for line in sys.stdin:
    print(line, end="", flush=True)
' ;;
    program)
        prog=$(setting program)
        sh -c "$prog" ;;
    http)
        url=$(setting url)
        while IFS= read -r line; do
            curl -s -o /dev/null -H 'Content-Type: application/json' --data-binary "$line" "$url"
        done ;;
    env) env | sort ;;
    flaky)  # alternates between right and wrong output across runs ($FLAKY_STATE persists)
        if [ -e "$FLAKY_STATE" ]; then rm -f "$FLAKY_STATE"; echo wrong; else : >"$FLAKY_STATE"; echo right; fi ;;
    devlog) if [ -e /dev/log ] || [ -L /dev/log ]; then readlink /dev/log; else echo none; fi; cat >/dev/null ;;
    *) echo "fake_impl.sh: unknown mode $mode" >&2; exit 2 ;;
esac
