#!/bin/sh
# Runs an implementation with one output channel forced off, for the harness's own tests: an
# implementation that lacks that channel. Falco applies each `-o KEY=VALUE` after the config, in
# order, the last one winning, so an option appended after everything the harness passes
# (`-c falco.yaml`, the case's own `-o`) turns the channel off whatever the case enables.
# Usage: channel_off.sh CHANNEL IMPL [IMPL-ARGS...]   (the harness appends -c falco.yaml ...)
channel=$1
shift
exec "$@" -o "${channel}_output.enabled=false"
