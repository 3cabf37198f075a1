#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# faults.sh through PortAudio (ALSA's pulse plugin) instead of libpulse
OUTPUT=portaudio exec bash "$(dirname "$0")/faults.sh"
