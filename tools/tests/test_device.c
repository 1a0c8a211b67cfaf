// SPDX-License-Identifier: GPL-2.0-only
/*
 * The device source against a fake ksymres.ko: ioctl() is wrapped at link
 * time (-Wl,--wrap=ioctl) and answers for a file named "fake-ksymres" the
 * way <linux/ksymres.h> says the module does, checking what the library
 * sends (sizes, flags, reserved fields, names) and forcing the awkward
 * paths: EMSGSIZE with partial progress, dump pages with ESTALE in the
 * middle, count-only module queries. The real module is tested in the VM.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/ksymres.h>

#include "internal.h"
#include "tap.h"

int __real_ioctl(int fd, unsigned long req, ...);
int __wrap_ioctl(int fd, unsigned long req, ...);

struct fsymdef {
	uint64_t addr, size;
	const char *name, *module;
	char type;
};

static const struct fsymdef fsyms[] = {
	{ 0xffffffff81000000ULL, 0x100, "_text", NULL, 'T' },
	{ 0xffffffff81000100ULL, 0x100, "foo", NULL, 'T' },
	{ 0xffffffff81000200ULL, 0x100, "bar", NULL, 't' },
	{ 0xffffffffc0001000ULL, 0x800, "ext4_init", "ext4", 't' },
	{ 0xffffffffc0002000ULL, 0x40, "foo", "ext4", 't' },
};
#define NR_FSYMS	(sizeof(fsyms) / sizeof(fsyms[0]))

/* Knobs for the next calls, and what the fake saw. */
static struct {
	uint32_t strtab_limit;	/* pretend the string table is this small */
	uint32_t results_limit;	/* pretend max_results is this small, once */
	uint32_t page;		/* dump records per page */
	int stale_at;		/* cursor that answers ESTALE once (-1: never) */
	int lie;		/* EMSGSIZE without asking for more room */
	int bad_off;		/* a dump record names past the string table */
	int no_first;		/* a module older than KSYMRES_LOOKUP_FIRST */
	int first_calls;	/* lookups that asked for the first match */
	uint64_t generation;
	int bad_input;		/* the library sent something the ABI forbids */
	int calls[8];
	uint32_t max_count;
} fake = { .stale_at = -1, .generation = 7 };

static bool is_fake(int fd)
{
	char link[64], path[512];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof(path) - 1);
	if (n < 0)
		return false;
	path[n] = '\0';
	return strstr(path, "fake-ksymres") != NULL;
}

/* String table writer: byte 0 is NUL, as the header promises. */
struct tab {
	char *buf;
	uint32_t size, used, need;
};

static uint32_t tab_put(struct tab *t, const char *s)
{
	uint32_t len = strlen(s) + 1, off = t->need;

	if (!s[0])
		return 0;
	t->need += len;
	if (off + len > t->size)
		return UINT32_MAX;
	memcpy(t->buf + off, s, len);
	t->used = off + len;
	return off;
}

static void tab_init(struct tab *t, uint64_t buf, uint32_t size, uint32_t limit)
{
	t->buf = (char *)(uintptr_t)buf;
	t->size = limit && limit < size ? limit : size;
	t->used = t->need = 1;
	t->buf[0] = '\0';
}

static int fill_sym(struct ksymres_sym *k, const struct fsymdef *f, uint64_t addr,
		    struct tab *t)
{
	uint32_t name, mod = 0;

	name = tab_put(t, f->name);
	if (f->module)
		mod = tab_put(t, f->module);
	if (name == UINT32_MAX || mod == UINT32_MAX)
		return -EMSGSIZE;
	memset(k, 0, sizeof(*k));
	k->addr = addr;
	k->start = f->addr;
	k->offset = addr - f->addr;
	k->size = f->size;
	k->flags = KSYMRES_SYM_FOUND | (f->module ? KSYMRES_SYM_MODULE : 0);
	k->name_off = name;
	k->module_off = mod;
	k->type = f->type;
	k->sym_class = KSYMRES_CLASS_TEXT;
	return 0;
}

static int fake_info(struct ksymres_info *in)
{
	if (in->size != sizeof(*in) || in->flags)
		fake.bad_input++;
	memset((char *)in + 8, 0, sizeof(*in) - 8);
	in->abi_version = KSYMRES_ABI_VERSION;
	in->features = KSYMRES_FEAT_RESOLVE | KSYMRES_FEAT_MODULES | KSYMRES_FEAT_LOOKUP |
		       KSYMRES_FEAT_DUMP | KSYMRES_FEAT_BUILD_ID | KSYMRES_FEAT_KASLR;
	in->generation = fake.generation;
	in->kaslr_offset = 0x2a000000;
	in->text_start = 0xffffffff81000000ULL;
	in->text_end = 0xffffffff81000300ULL;
	in->nr_vmlinux_syms = 3;
	in->nr_module_syms = 2;
	in->nr_modules = 1;
	in->build_id_size = 20;
	memset(in->build_id, 0xab, 20);
	strcpy(in->release, "6.1.0-fake");
	return 0;
}

static const struct fsymdef *find(uint64_t a)
{
	size_t i;

	for (i = 0; i < NR_FSYMS; i++)
		if (a >= fsyms[i].addr && a < fsyms[i].addr + fsyms[i].size)
			return &fsyms[i];
	return NULL;
}

static int fake_resolve(struct ksymres_resolve *r)
{
	const uint64_t *addrs = (const uint64_t *)(uintptr_t)r->addrs;
	struct ksymres_sym *out = (struct ksymres_sym *)(uintptr_t)r->results;
	struct tab t;
	uint32_t i;

	if (r->size != sizeof(*r) || r->flags || r->sym_size != sizeof(*out) ||
	    !r->count || r->count > KSYMRES_RESOLVE_MAX)
		fake.bad_input++;
	if (r->count > fake.max_count)
		fake.max_count = r->count;
	tab_init(&t, r->strtab, r->strtab_size, fake.strtab_limit);
	fake.strtab_limit = 0;
	r->nr_found = 0;
	for (i = 0; i < r->count; i++) {
		const struct fsymdef *f = find(addrs[i]);

		if (!f) {
			/* "every other field zero", the address too */
			memset(&out[i], 0, sizeof(out[i]));
			continue;
		}
		if (fill_sym(&out[i], f, addrs[i], &t)) {
			/* Count what all would need, report the complete ones. */
			uint32_t j;

			for (j = i + 1; j < r->count; j++) {
				f = find(addrs[j]);
				if (f) {
					tab_put(&t, f->name);
					if (f->module)
						tab_put(&t, f->module);
				}
			}
			r->nr_done = i;
			r->strtab_used = t.need;
			return -EMSGSIZE;
		}
		r->nr_found++;
	}
	r->nr_done = r->count;
	r->strtab_used = t.used;
	return 0;
}

static int fake_lookup(struct ksymres_lookup *l)
{
	const char *q = (const char *)(uintptr_t)l->names, *name = q;
	struct ksymres_sym *out = (struct ksymres_sym *)(uintptr_t)l->results;
	uint32_t *counts = (uint32_t *)(uintptr_t)l->counts;
	uint32_t max = l->max_results, n = 0;
	char mod[64] = "";
	const char *colon;
	struct tab t;
	size_t i;

	if (fake.lie) {
		l->nr_results = 0;
		l->strtab_used = 1;
		return -EMSGSIZE;
	}
	if (l->size != sizeof(*l) || (l->flags & ~KSYMRES_LOOKUP_FIRST) ||
	    l->__reserved || l->count != 1 ||
	    l->sym_size != sizeof(*out) || l->names_size != strlen(q) + 1)
		fake.bad_input++;
	if (l->flags && fake.no_first)
		return -EINVAL;
	fake.first_calls += !!l->flags;
	colon = strchr(q, ':');
	if (colon) {
		snprintf(mod, sizeof(mod), "%.*s", (int)(colon - q), q);
		name = colon + 1;
	}
	if (fake.results_limit && fake.results_limit < max)
		max = fake.results_limit;
	fake.results_limit = 0;
	tab_init(&t, l->strtab, l->strtab_size, 0);
	for (i = 0; i < NR_FSYMS; i++) {
		const struct fsymdef *f = &fsyms[i];

		if (strcmp(f->name, name))
			continue;
		if (colon && !strcmp(mod, "vmlinux") && f->module)
			continue;
		if (colon && strcmp(mod, "vmlinux") && (!f->module || strcmp(f->module, mod)))
			continue;
		if (n < max && !fill_sym(&out[n], f, f->addr, &t))
			out[n].query = 0;
		n++;
		if (l->flags & KSYMRES_LOOKUP_FIRST)
			break;
	}
	if (counts)
		counts[0] = n;
	l->nr_results = n;
	l->nr_found = n ? 1 : 0;
	l->nr_done = n < max ? n : max;
	l->strtab_used = t.used;
	return n > max ? -EMSGSIZE : 0;
}

static int fake_dump(struct ksymres_dump *d)
{
	struct ksymres_sym *out = (struct ksymres_sym *)(uintptr_t)d->results;
	uint32_t page = fake.page && fake.page < d->max_results ? fake.page : d->max_results;
	uint64_t c = d->cursor;
	struct tab t;
	uint32_t n = 0;

	if (d->size != sizeof(*d) || d->flags || d->__reserved || !d->max_results ||
	    d->max_results > KSYMRES_DUMP_MAX || d->sym_size != sizeof(*out) ||
	    (c == 0 && d->generation != 0))
		fake.bad_input++;
	if (c && d->generation != fake.generation)
		return -ESTALE;
	if ((int)c == fake.stale_at) {
		fake.stale_at = -1;
		fake.generation++;	/* a module came meanwhile */
		return -ESTALE;
	}
	tab_init(&t, d->strtab, d->strtab_size, 0);
	for (; c < NR_FSYMS && n < page; c++, n++)
		if (fill_sym(&out[n], &fsyms[c], fsyms[c].addr, &t))
			break;
	if (fake.bad_off && n)
		out[n - 1].name_off = t.used;
	d->nr_results = n;
	d->cursor = c < NR_FSYMS ? c : KSYMRES_DUMP_END;
	d->generation = fake.generation;
	d->strtab_used = t.used;
	return 0;
}

static int fake_modules(struct ksymres_modules *m)
{
	struct ksymres_module *out = (struct ksymres_module *)(uintptr_t)m->modules;

	if (m->size != sizeof(*m) || m->flags || m->__reserved ||
	    m->module_size != sizeof(*out))
		fake.bad_input++;
	m->nr_modules = fake.lie ? 0 : 1;
	m->generation = fake.generation;
	if (fake.lie)
		return -EMSGSIZE;
	if (m->max_modules < 1)
		return m->max_modules ? -EMSGSIZE : 0;
	memset(out, 0, sizeof(*out));
	strcpy(out->name, "ext4");
	out->core_text.start = 0xffffffffc0001000ULL;
	out->core_text.size = 0x2000;
	out->core_data.start = 0xffffffffc0010000ULL;
	out->core_data.size = 0x1000;
	out->state = KSYMRES_MODULE_LIVE;
	out->nr_syms = 2;
	return 0;
}

int __wrap_ioctl(int fd, unsigned long req, ...)
{
	va_list ap;
	void *arg;
	int ret;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (!is_fake(fd))
		return __real_ioctl(fd, req, arg);
	fake.calls[_IOC_NR(req) & 7]++;
	switch (req) {
	case KSYMRES_IOC_INFO:
		ret = fake_info(arg);
		break;
	case KSYMRES_IOC_RESOLVE:
		ret = fake_resolve(arg);
		break;
	case KSYMRES_IOC_LOOKUP:
		ret = fake_lookup(arg);
		break;
	case KSYMRES_IOC_DUMP:
		ret = fake_dump(arg);
		break;
	case KSYMRES_IOC_MODULES:
		ret = fake_modules(arg);
		break;
	default:
		ret = -ENOTTY;
	}
	if (ret < 0) {
		errno = -ret;
		return -1;
	}
	return 0;
}

static int collect(const struct ksymres_symbol *s, void *arg)
{
	char *buf = arg;

	strcat(buf, s->name);
	strcat(buf, s->module ? "@m " : " ");
	return 0;
}

static int stop_at_3(const struct ksymres_symbol *s, void *arg)
{
	(void)s;
	return ++*(int *)arg == 3 ? 42 : 0;
}

int main(void)
{
	char dev[] = "/tmp/fake-ksymres.XXXXXX";
	struct ksymres_module_info mods[2];
	struct ksymres_symbol out[8], *big;
	struct ksymres_source_info in;
	struct ksymres_ctx *ctx;
	uint64_t addrs[4] = {
		0xffffffff81000110ULL, 0xffffffffc0001020ULL, 0x1234, 0xffffffffc0002001ULL,
	};
	char order[256] = "";
	size_t i, nbig;
	int fd, n, bad, calls;

	fd = mkstemp(dev);
	if (fd < 0)
		return 2;
	close(fd);

	ctx = ksymres_new();
	ok_eq(ksymres_open_device(ctx, dev), 0, "fake device: opens (INFO answered)");
	ok_eq(ksymres_get_source(ctx), KSYMRES_SOURCE_DEVICE, "fake device: source is the device");
	ok_eq(ksymres_get_info(ctx, &in), 0, "fake device: info");
	ok(in.release && !strcmp(in.release, "6.1.0-fake") && in.build_id_size == 20 &&
	   in.build_id[19] == 0xab && in.kaslr_offset == 0x2a000000 && in.generation == 7 &&
	   in.abi_version == 1 && in.nr_modules == 1 && in.addr_bits == 64 &&
	   (in.flags & (KSYMRES_INFO_KASLR | KSYMRES_INFO_BUILD_ID | KSYMRES_INFO_LIVE |
			KSYMRES_INFO_GENERATION)) ==
	   (KSYMRES_INFO_KASLR | KSYMRES_INFO_BUILD_ID | KSYMRES_INFO_LIVE |
	    KSYMRES_INFO_GENERATION) && !(in.flags & KSYMRES_INFO_SIZES_ESTIMATED),
	   "fake device: release, build ID, KASLR offset, generation, exact sizes");
	ok_eq(ksymres_set_slide(ctx, 1), -EOPNOTSUPP, "fake device: no slide on the device");

	n = ksymres_resolve(ctx, addrs, 4, out);
	ok(n == 3 && !strcmp(out[0].name, "foo") && out[0].offset == 0x10 && !out[0].module &&
	   !strcmp(out[1].name, "ext4_init") && !strcmp(out[1].module, "ext4") &&
	   (out[1].flags & KSYMRES_SYMBOL_MODULE) && out[1].type == 't' &&
	   !(out[2].flags & KSYMRES_SYMBOL_FOUND) && out[2].addr == 0x1234 &&
	   !strcmp(out[3].name, "foo") && !strcmp(out[3].module, "ext4") &&
	   !(out[0].flags & KSYMRES_SYMBOL_SIZE_ESTIMATED),
	   "fake device: a batch of 4, one not found, module names from the string table");
	fake.strtab_limit = 12;		/* room for "foo" and little more */
	memset(out, 0, sizeof(out));
	n = ksymres_resolve(ctx, addrs, 4, out);
	ok(n == 3 && !strcmp(out[1].name, "ext4_init") && !strcmp(out[3].module, "ext4") &&
	   fake.calls[_IOC_NR(KSYMRES_IOC_RESOLVE)] == 3,
	   "fake device: EMSGSIZE after 1 record: the library grows the table, goes on");

	nbig = KSYMRES_RESOLVE_MAX + 5;
	big = calloc(nbig, sizeof(*big));
	{
		uint64_t *ba = calloc(nbig, sizeof(*ba));

		for (i = 0; i < nbig; i++)
			ba[i] = i % 2 ? 0xffffffff81000101ULL : 0x10;
		n = ksymres_resolve(ctx, ba, nbig, big);
		ok(n == (int)(nbig / 2) && fake.max_count == KSYMRES_RESOLVE_MAX &&
		   !strcmp(big[nbig - 2].name, "foo"),
		   "fake device: %zu addresses go in calls of at most KSYMRES_RESOLVE_MAX", nbig);
		free(ba);
	}
	free(big);

	n = ksymres_lookup(ctx, "foo", out, 8);
	ok(n == 2 && !out[0].module && !strcmp(out[1].module, "ext4"),
	   "fake device: lookup foo: vmlinux and ext4");
	fake.results_limit = 1;
	n = ksymres_lookup(ctx, "foo", out, 8);
	ok(n == 2 && !strcmp(out[1].module, "ext4"),
	   "fake device: lookup after EMSGSIZE on results: grown and complete");
	n = ksymres_lookup(ctx, "ext4:foo", out, 8);
	ok(n == 1 && out[0].start == 0xffffffffc0002000ULL, "fake device: ext4:foo sent as is");
	n = ksymres_lookup(ctx, "vmlinux:foo", out, 8);
	ok(n == 1 && !out[0].module, "fake device: vmlinux:foo sent as is");
	ok_eq(ksymres_lookup(ctx, "nosuch", out, 8), 0, "fake device: no match: 0");
	memset(out, 0, 2 * sizeof(*out));
	n = ksymres_lookup_first(ctx, "foo", out);
	ok(n == 1 && !out[0].module && out[0].start == 0xffffffff81000100ULL &&
	   !out[1].name && fake.first_calls == 1,
	   "fake device: lookup_first foo: vmlinux's, one record, KSYMRES_LOOKUP_FIRST sent");
	n = ksymres_lookup_first(ctx, "ext4:foo", out);
	ok(n == 1 && !strcmp(out[0].module, "ext4"), "fake device: lookup_first ext4:foo");
	ok_eq(ksymres_lookup_first(ctx, "nosuch", out), 0, "fake device: lookup_first, no match: 0");
	ok_eq(ksymres_lookup_first(ctx, "ext4:", out), -EINVAL,
	      "fake device: lookup_first of a malformed name: EINVAL, nothing sent");
	fake.no_first = 1;
	n = ksymres_lookup_first(ctx, "foo", out);
	ok(n == 1 && !out[0].module && out[0].start == 0xffffffff81000100ULL,
	   "fake device: a module without KSYMRES_LOOKUP_FIRST: the first of every match");
	fake.no_first = 0;

	fake.page = 2;
	fake.stale_at = 2;
	ok_eq(ksymres_foreach(ctx, collect, order), 0, "fake device: dump in pages of 2");
	ok(!strcmp(order, "_text foo bar ext4_init@m foo@m "),
	   "fake device: ESTALE mid-dump restarts; every symbol once (%s)", order);
	order[0] = '\0';
	fake.stale_at = 2;
	ok_eq(ksymres_foreach_transient(ctx, collect, order), 0,
	      "fake device: transient walk in pages of 2");
	ok(!strcmp(order, "_text foo bar ext4_init@m foo@m "),
	   "fake device: transient walk: ESTALE restarts, the same records in the same order (%s)",
	   order);
	calls = 0;
	ok_eq(ksymres_foreach_transient(ctx, stop_at_3, &calls), 42,
	      "fake device: transient walk stops when the callback says so");
	fake.bad_off = 1;
	calls = 0;
	ok(ksymres_foreach_transient(ctx, stop_at_3, &calls) == -EPROTO && calls == 0,
	   "fake device: a name past the string table: EPROTO before any callback");
	ok_eq(ksymres_foreach(ctx, stop_at_3, &calls), -EPROTO,
	      "fake device: the same for the interning walk");
	fake.bad_off = 0;

	n = ksymres_modules(ctx, mods, 2);
	ok(n == 1 && !strcmp(mods[0].name, "ext4") && mods[0].state == KSYMRES_MOD_LIVE &&
	   mods[0].core_text.size == 0x2000 && mods[0].core_data.start == 0xffffffffc0010000ULL &&
	   !(mods[0].flags & KSYMRES_MOD_RANGES_ESTIMATED) && mods[0].nr_syms == 2,
	   "fake device: modules with exact ranges and state");
	ok_eq(ksymres_modules(ctx, NULL, 0), 1, "fake device: module count only");

	/* A device that says EMSGSIZE but needs no more room: no endless retry. */
	fake.lie = 1;
	ok_eq(ksymres_lookup(ctx, "foo", out, 8), -EPROTO,
	      "fake device: EMSGSIZE on lookup without a bigger need: EPROTO, no loop");
	ok_eq(ksymres_modules(ctx, mods, 2), -EPROTO,
	      "fake device: EMSGSIZE on modules without a bigger need: EPROTO, no loop");
	fake.lie = 0;

	bad = fake.bad_input;
	ok_eq(bad, 0, "the library sent nothing the ABI forbids (sizes, flags, reserved)");
	ksymres_free(ctx);
	unlink(dev);
	return done();
}
