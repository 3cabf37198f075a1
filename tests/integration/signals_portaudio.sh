#!/usr/bin/env bash
# signals.sh through PortAudio (ALSA's pulse plugin) instead of libpulse
OUTPUT=portaudio exec bash "$(dirname "$0")/signals.sh"
