/* SPDX-License-Identifier: GPL-3.0-or-later */
/* monotime: print CLOCK_MONOTONIC now in nanoseconds, so shell tests can
 * compare their own moments with the events the C tools report. */
#include <stdio.h>
#include <time.h>

#include "tool.h"

int main(void)
{
	printf("%lld\n", tool_mono_ns());
	return 0;
}
