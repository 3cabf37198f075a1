/* countdownctl: the control client (see issue: control socket). */
#include <stdio.h>
#include <sysexits.h>

int
main(void)
{
	fprintf(stderr, "countdownctl: the control socket is not built yet\n");
	return EX_UNAVAILABLE;
}
