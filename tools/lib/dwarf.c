// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * file:line and inlined frames for `decode`, through libdw (elfutils).
 *
 * libdw is loaded with dlopen() on first use, not linked: a program that
 * links libksymres to resolve addresses does not pull in elfutils (and its
 * compression libraries), the test VM's image does not need it, and only
 * a caller that asks for source lines needs libdw.so.1 installed. The
 * headers are needed to build (Debian: libdw-dev).
 *
 * vmlinux is searched by address: the source's address of the symbol,
 * moved by the difference between the source's _text and the ELF's. A
 * module's .ko is searched by name (its sections are laid out anew by
 * libdw, unrelated to where the kernel put them), then + offset.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <dwarf.h>
#include <elfutils/libdwfl.h>

#include "internal.h"

/* Every libdw function used, resolved once by dlsym(). */
#define KSR_DW_FUNCS(X)				\
	X(dwfl_begin)				\
	X(dwfl_end)				\
	X(dwfl_report_offline)			\
	X(dwfl_report_end)			\
	X(dwfl_offline_section_address)		\
	X(dwfl_standard_find_debuginfo)		\
	X(dwfl_build_id_find_elf)		\
	X(dwfl_module_getsymtab)		\
	X(dwfl_module_getsym_info)		\
	X(dwfl_module_getsrc)			\
	X(dwfl_lineinfo)			\
	X(dwfl_module_addrdie)			\
	X(dwfl_module_getdwarf)			\
	X(dwarf_getscopes)			\
	X(dwarf_getscopes_die)			\
	X(dwarf_dieoffset)			\
	X(dwarf_offdie)				\
	X(dwarf_tag)				\
	X(dwarf_diename)			\
	X(dwarf_attr)				\
	X(dwarf_formudata)			\
	X(dwarf_getsrcfiles)			\
	X(dwarf_filesrc)

struct ksr_dwlib {
#define X(f) __typeof__(f) *f;
	KSR_DW_FUNCS(X)
#undef X
};

struct dwsym {
	const char *name;
	uint64_t addr;
	uint64_t size;
};

struct dwmod {
	char *modname;		/* NULL: vmlinux */
	Dwfl *dwfl;
	Dwfl_Module *mod;
	struct dwsym *syms;	/* sorted by name (modules only) */
	size_t nr_syms;
	uint64_t text;		/* vmlinux: the ELF's _text */
	bool has_text;
};

struct ksr_dwarf {
	void *handle;
	struct ksr_dwlib lib;
	Dwfl_Callbacks cb;	/* must outlive every Dwfl */
	struct dwmod *mods;
	size_t nr_mods;
};

static char *debuginfo_path;

static int load_lib(struct ksr_dwarf *dw)
{
	dw->handle = dlopen("libdw.so.1", RTLD_NOW | RTLD_LOCAL);
	if (!dw->handle)
		return -ENOSYS;
#define X(f)								\
	dw->lib.f = (__typeof__(f) *)dlsym(dw->handle, #f);		\
	if (!dw->lib.f)							\
		return -ENOSYS;
	KSR_DW_FUNCS(X)
#undef X
	return 0;
}

int ksr_dwarf_new(struct ksr_dwarf **out)
{
	struct ksr_dwarf *dw = calloc(1, sizeof(*dw));
	int ret;

	if (!dw)
		return -ENOMEM;
	ret = load_lib(dw);
	if (ret) {
		ksr_dwarf_free(dw);
		return ret;
	}
	dw->cb.find_elf = dw->lib.dwfl_build_id_find_elf;
	dw->cb.find_debuginfo = dw->lib.dwfl_standard_find_debuginfo;
	dw->cb.section_address = dw->lib.dwfl_offline_section_address;
	dw->cb.debuginfo_path = &debuginfo_path;
	*out = dw;
	return 0;
}

void ksr_dwarf_free(struct ksr_dwarf *dw)
{
	size_t i;

	if (!dw)
		return;
	for (i = 0; i < dw->nr_mods; i++) {
		dw->lib.dwfl_end(dw->mods[i].dwfl);
		free(dw->mods[i].syms);
		free(dw->mods[i].modname);
	}
	free(dw->mods);
	if (dw->handle)
		dlclose(dw->handle);
	free(dw);
}

static int cmp_dwsym(const void *a, const void *b)
{
	return strcmp(((const struct dwsym *)a)->name, ((const struct dwsym *)b)->name);
}

/* The ELF's symbols: _text for vmlinux, every defined one for a module. */
static int read_symtab(struct ksr_dwarf *dw, struct dwmod *m)
{
	int i, n = dw->lib.dwfl_module_getsymtab(m->mod);

	if (n <= 0)
		return m->modname ? -EBADMSG : 0;
	if (m->modname) {
		m->syms = calloc((size_t)n, sizeof(*m->syms));
		if (!m->syms)
			return -ENOMEM;
	}
	for (i = 0; i < n; i++) {
		GElf_Sym sym;
		GElf_Addr addr;
		GElf_Word shndx;
		const char *name;

		name = dw->lib.dwfl_module_getsym_info(m->mod, i, &sym, &addr, &shndx,
						       NULL, NULL);
		if (!name || !*name || shndx == SHN_UNDEF || shndx == SHN_ABS)
			continue;
		if (!m->modname) {
			if (!strcmp(name, "_text")) {
				m->text = addr;
				m->has_text = true;
				break;
			}
			continue;
		}
		m->syms[m->nr_syms++] = (struct dwsym){ name, addr, sym.st_size };
	}
	if (m->modname)
		qsort(m->syms, m->nr_syms, sizeof(*m->syms), cmp_dwsym);
	return 0;
}

/* "dir/foo-bar.ko.debug" -> "foo_bar", as the kernel names the module. */
static char *module_name(const char *path)
{
	const char *base = strrchr(path, '/');
	char *name, *dot, *p;

	name = strdup(base ? base + 1 : path);
	if (!name)
		return NULL;
	dot = strstr(name, ".ko");
	if (dot)
		*dot = '\0';
	for (p = name; *p; p++)
		if (*p == '-')
			*p = '_';
	return name;
}

int ksr_dwarf_add(struct ksr_dwarf *dw, const char *path, bool vmlinux)
{
	struct dwmod m = { 0 }, *mods;
	int fd, ret;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	close(fd);
	if (!vmlinux) {
		m.modname = module_name(path);
		if (!m.modname)
			return -ENOMEM;
	}
	m.dwfl = dw->lib.dwfl_begin(&dw->cb);
	if (!m.dwfl) {
		ret = -ENOMEM;
		goto err;
	}
	m.mod = dw->lib.dwfl_report_offline(m.dwfl, m.modname ? m.modname : "vmlinux",
					    path, -1);
	dw->lib.dwfl_report_end(m.dwfl, NULL, NULL);
	if (!m.mod) {
		ret = -EBADMSG;
		goto err_end;
	}
	ret = read_symtab(dw, &m);
	if (ret)
		goto err_end;
	if (!vmlinux || m.has_text) {
		mods = realloc(dw->mods, (dw->nr_mods + 1) * sizeof(*mods));
		if (!mods) {
			ret = -ENOMEM;
			goto err_end;
		}
		dw->mods = mods;
		dw->mods[dw->nr_mods++] = m;
		return 0;
	}
	ret = -EBADMSG;		/* a vmlinux without _text */
err_end:
	dw->lib.dwfl_end(m.dwfl);
	free(m.syms);
err:
	free(m.modname);
	return ret;
}

static struct dwmod *find_mod(struct ksr_dwarf *dw, const char *module)
{
	size_t i;

	for (i = 0; i < dw->nr_mods; i++) {
		const char *n = dw->mods[i].modname;

		if ((!module && !n) || (module && n && !strcmp(module, n)))
			return &dw->mods[i];
	}
	return NULL;
}

/* A module symbol by name; among several, the one of the printed size. */
static bool module_addr(const struct dwmod *m, const char *name, uint64_t size,
			uint64_t *addr)
{
	struct dwsym key = { .name = name }, *s, *end = m->syms + m->nr_syms;

	s = bsearch(&key, m->syms, m->nr_syms, sizeof(*s), cmp_dwsym);
	if (!s)
		return false;
	while (s > m->syms && !strcmp(s[-1].name, name))
		s--;
	*addr = s->addr;
	for (; s < end && !strcmp(s->name, name); s++)
		if (size && s->size == size) {
			*addr = s->addr;
			break;
		}
	return true;
}

/* DW_AT_call_file of an inlined scope, as a path. */
static const char *call_file(struct ksr_dwarf *dw, Dwarf_Die *cu, Dwarf_Die *scope)
{
	Dwarf_Attribute a;
	Dwarf_Files *files;
	Dwarf_Word idx;
	size_t nfiles;

	if (dw->lib.dwarf_formudata(dw->lib.dwarf_attr(scope, DW_AT_call_file, &a), &idx) ||
	    dw->lib.dwarf_getsrcfiles(cu, &files, &nfiles) || idx >= nfiles)
		return NULL;
	return dw->lib.dwarf_filesrc(files, idx, NULL, NULL);
}

static uint32_t call_line(struct ksr_dwarf *dw, Dwarf_Die *scope)
{
	Dwarf_Attribute a;
	Dwarf_Word line;

	if (dw->lib.dwarf_formudata(dw->lib.dwarf_attr(scope, DW_AT_call_line, &a), &line))
		return 0;
	return (uint32_t)line;
}

/*
 * Source locations of the code at name+offset (module NULL: vmlinux, where
 * start and text are the source's addresses of the symbol and of _text).
 * Innermost first; returns how many, 0 when the debug info has none.
 */
int ksr_dwarf_locate(struct ksr_dwarf *dw, const char *module, const char *name,
		     uint64_t start, uint64_t size, uint64_t offset, uint64_t text,
		     struct ksymres_srcloc *locs, size_t max)
{
	struct dwmod *m = find_mod(dw, module);
	Dwarf_Die *cu, *scopes = NULL;
	Dwarf_Addr bias, addr;
	Dwfl_Line *line;
	const char *file;
	size_t k = 0;
	int lineno = 0, n, i;

	if (!m || !max)
		return 0;
	if (module) {
		if (!module_addr(m, name, size, &addr))
			return 0;
		addr += offset;
	} else {
		addr = start + offset - text + m->text;
	}
	line = dw->lib.dwfl_module_getsrc(m->mod, addr);
	file = line ? dw->lib.dwfl_lineinfo(line, NULL, &lineno, NULL, NULL, NULL) : NULL;
	if (!file)
		return 0;
	memset(locs, 0, max * sizeof(*locs));
	locs[0].file = file;
	locs[0].line = (uint32_t)lineno;
	/*
	 * The scopes at the address end, past an inlined instance, in its
	 * abstract definition's; the chain of callers is that of the
	 * innermost DIE itself (as eu-addr2line -i walks it).
	 */
	cu = dw->lib.dwfl_module_addrdie(m->mod, addr, &bias);
	n = cu ? dw->lib.dwarf_getscopes(cu, addr - bias, &scopes) : 0;
	if (n > 0) {
		Dwarf *dbg = dw->lib.dwfl_module_getdwarf(m->mod, &bias);
		Dwarf_Die inner;

		if (!dbg || !dw->lib.dwarf_offdie(dbg, dw->lib.dwarf_dieoffset(&scopes[0]), &inner))
			n = 0;
		free(scopes);
		scopes = NULL;
		if (n > 0)
			n = dw->lib.dwarf_getscopes_die(&inner, &scopes);
	}
	for (i = 0; i < n; i++) {
		int tag = dw->lib.dwarf_tag(&scopes[i]);

		if (tag != DW_TAG_subprogram && tag != DW_TAG_inlined_subroutine)
			continue;
		locs[k].function = dw->lib.dwarf_diename(&scopes[i]);
		if (tag == DW_TAG_subprogram || k + 1 >= max)
			break;
		/* Inlined: the caller, at the call site. */
		k++;
		locs[k].file = call_file(dw, cu, &scopes[i]);
		locs[k].line = call_line(dw, &scopes[i]);
	}
	free(scopes);
	return (int)k + 1;
}
