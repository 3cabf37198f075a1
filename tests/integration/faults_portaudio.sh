#!/usr/bin/env bash
# faults.sh through PortAudio (ALSA's pulse plugin) instead of libpulse
OUTPUT=portaudio exec bash "$(dirname "$0")/faults.sh"
