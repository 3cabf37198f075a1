/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sfread FILE: "FRAMES RATE CHANNELS" of an audio file as libsndfile reads
 * it; sfread -r FILE: its samples as s16 native-endian on stdout. */
#include <sndfile.h>
#include <stdio.h>
#include <string.h>

int
main(int argc, char **argv)
{
	int raw = argc == 3 && strcmp(argv[1], "-r") == 0;
	SF_INFO info = { 0 };
	SNDFILE *sf;
	short buf[4096];
	sf_count_t n;

	if (argc != 2 + raw) {
		fprintf(stderr, "usage: sfread [-r] FILE\n");
		return 64;
	}
	if ((sf = sf_open(argv[1 + raw], SFM_READ, &info)) == NULL) {
		fprintf(stderr, "%s: %s\n", argv[1 + raw], sf_strerror(NULL));
		return 1;
	}
	if (!raw)
		printf("%lld %d %d\n", (long long)info.frames, info.samplerate,
		    info.channels);
	else
		while ((n = sf_readf_short(sf, buf, 4096 / info.channels)) > 0)
			fwrite(buf, sizeof *buf * info.channels, (size_t)n, stdout);
	sf_close(sf);
	return 0;
}
