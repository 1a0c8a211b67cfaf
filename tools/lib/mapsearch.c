// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Where a System.map may be, in the order they are tried. klogd and ps
 * looked in /boot/System.map-REL, /boot/System.map, /System.map and
 * /usr/src/linux/System.map (klogd also in System.map-REL forms). Names
 * that carry the release come first: an unnamed map may belong to any
 * kernel, and only its symbols can tell. Debian's -dbg package (the real
 * map behind the placeholder in /boot) and kernel trees built here are
 * added. The order is documented in ksymres.h and ksymres(1).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

static const char *const patterns[KSR_MAP_SEARCH_MAX] = {
	"/boot/System.map-%s",
	"/usr/lib/debug/boot/System.map-%s",
	"/lib/modules/%s/build/System.map",
	"/usr/src/linux-%s/System.map",
	"/System.map-%s",
	"/boot/System.map",
	"/System.map",
	"/usr/src/linux/System.map",
};

int ksr_map_search_paths(struct strpool *p, const char *root, const char *release,
			 const char **out)
{
	char path[4096], tail[1024];
	size_t rlen;
	int i, n;

	if (!root)
		root = "";
	rlen = strlen(root);
	while (rlen && root[rlen - 1] == '/')
		rlen--;	/* "/" and "dir/" prefix like "" and "dir" */
	for (i = 0; i < KSR_MAP_SEARCH_MAX; i++) {
		/* Only patterns[] is a format: the release is an argument. */
		if (strstr(patterns[i], "%s"))
			n = snprintf(tail, sizeof(tail), patterns[i], release);
		else
			n = snprintf(tail, sizeof(tail), "%s", patterns[i]);
		if (n < 0 || (size_t)n >= sizeof(tail))
			return -ENAMETOOLONG;
		n = snprintf(path, sizeof(path), "%.*s%s", (int)rlen, root, tail);
		if (n < 0 || (size_t)n >= sizeof(path))
			return -ENAMETOOLONG;
		out[i] = strpool_add(p, path, n);
		if (!out[i])
			return -ENOMEM;
	}
	return KSR_MAP_SEARCH_MAX;
}

/*
 * A release starts with a digit and has a dot ("6.1.0-56-cloud-amd64"):
 * System.map-old or System.map-backup names none.
 */
bool ksr_release_like(const char *s)
{
	return s && *s >= '0' && *s <= '9' && strchr(s, '.');
}
