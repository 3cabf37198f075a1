#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# signals.sh through PortAudio (ALSA's pulse plugin) instead of libpulse
OUTPUT=portaudio exec bash "$(dirname "$0")/signals.sh"
