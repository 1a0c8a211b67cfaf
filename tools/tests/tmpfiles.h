/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Files the host tests write for themselves, in one temporary folder
 * (dir, made by the test's main()); subfolders are made on the way.
 */
#ifndef KSYMRES_TMPFILES_H
#define KSYMRES_TMPFILES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char dir[256];

/* The last 8 paths stay valid: enough for any one call's arguments. */
static const char *path_of(const char *name)
{
	static char buf[8][512];
	static int i;

	i = (i + 1) % 8;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", dir, name);
	return buf[i];
}

static const char *write_file(const char *name, const char *data, size_t len)
{
	const char *p = path_of(name);
	char sub[512], *s;
	FILE *f;

	snprintf(sub, sizeof(sub), "%s", p);
	for (s = sub + strlen(dir) + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			mkdir(sub, 0755);
			*s = '/';
		}
	f = fopen(p, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f)) {
		perror(p);
		exit(2);
	}
	return p;
}

static const char *write_str(const char *name, const char *s)
{
	return write_file(name, s, strlen(s));
}

/* dir = $TMPDIR/NAME.XXXXXX; exits when it cannot be made. */
static void tmpdir_make(const char *name)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/%s.XXXXXX", tmp ? tmp : "/tmp", name);
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		exit(2);
	}
}

/* Gone at the end, unless KSYMRES_KEEP_TMP asks to look at it. */
static void tmpdir_remove(void)
{
	char cmd[300];

	if (getenv("KSYMRES_KEEP_TMP"))
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd))
		printf("# could not remove %s\n", dir);
}

#endif /* KSYMRES_TMPFILES_H */
