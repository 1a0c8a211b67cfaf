// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Strings that live as long as the handle: names handed out in results
 * point here, so callers never free them and never see them move.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define CHUNK_SIZE	(256 * 1024)

struct strchunk {
	struct strchunk *next;
	size_t used, size;
	char data[];
};

/* FNV-1a: short names, no adversary worth a keyed hash. */
uint32_t ksr_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;

	while (len--) {
		h ^= (unsigned char)*s++;
		h *= 16777619u;
	}
	return h;
}

void strpool_init(struct strpool *p)
{
	memset(p, 0, sizeof(*p));
}

void strpool_release(struct strpool *p)
{
	struct strchunk *c = p->chunks, *next;

	for (; c; c = next) {
		next = c->next;
		free(c);
	}
	free(p->slots);
	strpool_init(p);
}

const char *strpool_add(struct strpool *p, const char *s, size_t len)
{
	struct strchunk *c = p->chunks;
	char *dst;

	if (!c || c->size - c->used < len + 1) {
		size_t size = len + 1 > CHUNK_SIZE ? len + 1 : CHUNK_SIZE;

		c = malloc(sizeof(*c) + size);
		if (!c)
			return NULL;
		c->size = size;
		c->used = 0;
		c->next = p->chunks;
		p->chunks = c;
	}
	dst = c->data + c->used;
	memcpy(dst, s, len);
	dst[len] = '\0';
	c->used += len + 1;
	return dst;
}

static int strpool_grow(struct strpool *p)
{
	size_t n = p->nr_slots ? p->nr_slots * 2 : 64, i;
	const char **slots = calloc(n, sizeof(*slots));

	if (!slots)
		return -ENOMEM;
	for (i = 0; i < p->nr_slots; i++) {
		const char *s = p->slots[i];
		size_t j;

		if (!s)
			continue;
		j = ksr_hash(s, strlen(s)) & (n - 1);
		while (slots[j])
			j = (j + 1) & (n - 1);
		slots[j] = s;
	}
	free(p->slots);
	p->slots = slots;
	p->nr_slots = n;
	return 0;
}

/* The same text always yields the same pointer (module names, device names). */
const char *strpool_intern(struct strpool *p, const char *s, size_t len)
{
	const char *dup;
	size_t j;

	if ((p->nr_used + 1) * 2 > p->nr_slots && strpool_grow(p))
		return NULL;
	j = ksr_hash(s, len) & (p->nr_slots - 1);
	for (; p->slots[j]; j = (j + 1) & (p->nr_slots - 1)) {
		if (!strncmp(p->slots[j], s, len) && p->slots[j][len] == '\0')
			return p->slots[j];
	}
	dup = strpool_add(p, s, len);
	if (!dup)
		return NULL;
	p->slots[j] = dup;
	p->nr_used++;
	return dup;
}
