/* monotime: print CLOCK_MONOTONIC now in nanoseconds, so shell tests can
 * compare their own moments with the events the C tools report. */
#include <stdio.h>
#include <time.h>

int main(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	printf("%lld\n", (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
	return 0;
}
