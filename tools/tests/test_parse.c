// SPDX-License-Identifier: GPL-2.0-only
/*
 * Parsers on every accepted form and on malformed input: addresses as
 * users paste them, nm lines as System.map and /proc/kallsyms hold them,
 * and the %pS formatter.
 */
#include <errno.h>
#include <string.h>

#include "internal.h"
#include "tap.h"

static void test_addr_ok(const char *s, uint64_t want)
{
	uint64_t a = 0;
	int ret = ksymres_parse_addr(s, &a);

	ok(ret == 0 && a == want, "address '%s' parses to 0x%llx", s,
	   (unsigned long long)want);
}

static void test_addr_bad(const char *s, int want)
{
	uint64_t a = 0x5a5a;
	int ret = ksymres_parse_addr(s, &a);

	ok(ret == want && a == 0x5a5a, "'%s' is not an address (%s)", s,
	   want == -ERANGE ? "ERANGE" : "EINVAL");
}

static void test_addresses(void)
{
	test_addr_ok("0xffffffff81000000", 0xffffffff81000000ULL);
	test_addr_ok("0XFFFFFFFF81000000", 0xffffffff81000000ULL);
	test_addr_ok("ffffffff81000000", 0xffffffff81000000ULL);
	test_addr_ok("FfFfFfFf8100abcd", 0xffffffff8100abcdULL);
	test_addr_ok("[<ffffffff81000000>]", 0xffffffff81000000ULL);
	test_addr_ok("[<0xffffffff81000000>]", 0xffffffff81000000ULL);
	test_addr_ok("  \tc1000000 \r\n", 0xc1000000ULL);
	test_addr_ok("0", 0);
	test_addr_ok("ffffffffffffffff", ~0ULL);
	test_addr_ok("0000ffffffffffffffff", ~0ULL);
	test_addr_bad("", -EINVAL);
	test_addr_bad("   ", -EINVAL);
	test_addr_bad("0x", -EINVAL);
	test_addr_bad("foo", -EINVAL);
	test_addr_bad("0x12g4", -EINVAL);
	test_addr_bad("12 34", -EINVAL);
	test_addr_bad("-1", -EINVAL);
	test_addr_bad("[<ffffffff81000000", -EINVAL);
	test_addr_bad("[<ffffffff81000000>", -EINVAL);
	test_addr_bad("ffffffff81000000>]", -EINVAL);
	test_addr_bad("[<>]", -EINVAL);
	test_addr_bad("[ffffffff81000000]", -EINVAL);
	test_addr_bad("vfs_read+0x10", -EINVAL);
	test_addr_bad("0x10000000000000000", -ERANGE);
	test_addr_bad("1ffffffffffffffff", -ERANGE);
	ok(ksymres_parse_addr(NULL, NULL) == -EINVAL, "NULL input is EINVAL");
}

static enum nm_kind nm(const char *s, struct nm_line *l)
{
	return ksr_nm_parse(s, strlen(s), l);
}

static void test_nm_symbol(const char *s, uint64_t addr, char type,
			   const char *name, const char *module)
{
	struct nm_line l;
	enum nm_kind k = nm(s, &l);
	bool good = k == NM_SYMBOL && l.addr == addr && l.type == type &&
		    l.name_len == strlen(name) && !memcmp(l.name, name, l.name_len);

	if (module)
		good = good && l.module && l.module_len == strlen(module) &&
		       !memcmp(l.module, module, l.module_len);
	else
		good = good && !l.module;
	ok(good, "nm line '%s' is %s in %s", s, name, module ? module : "vmlinux");
}

static void test_nm_kind(const char *what, const char *s, enum nm_kind want)
{
	struct nm_line l;

	ok(nm(s, &l) == want, "nm line: %s is %s", what,
	   want == NM_GARBAGE ? "garbage" : want == NM_BLANK ? "blank" : "undefined");
}

static void test_nm_lines(void)
{
	char big[KSR_NAME_MAX + 40], mod[KSR_MODULE_NAME_MAX + 40];

	test_nm_symbol("ffffffff81000000 T _text", 0xffffffff81000000ULL, 'T', "_text", NULL);
	test_nm_symbol("c1000000 T startup_32", 0xc1000000ULL, 'T', "startup_32", NULL);
	test_nm_symbol("0000000000000000 D fixed_percpu_data", 0, 'D', "fixed_percpu_data", NULL);
	test_nm_symbol("ffffffffc0a01000 t ext4_fill_super\t[ext4]",
		       0xffffffffc0a01000ULL, 't', "ext4_fill_super", "ext4");
	test_nm_symbol("ffffffffc0a01000 t foo [ext4]  ", 0xffffffffc0a01000ULL, 't', "foo", "ext4");
	test_nm_symbol("ffffffff81000000\tT\t_text", 0xffffffff81000000ULL, 'T', "_text", NULL);
	test_nm_symbol("ffffffff81000000 ? mystery", 0xffffffff81000000ULL, '?', "mystery", NULL);
	test_nm_symbol("ffffffff81234567 t __pfx_foo.cold.12", 0xffffffff81234567ULL, 't',
		       "__pfx_foo.cold.12", NULL);
	test_nm_symbol("ffffffffa0000000 t bpf_prog_6deef7357e7b4530_sd_fw_ingress\t[bpf]",
		       0xffffffffa0000000ULL, 't', "bpf_prog_6deef7357e7b4530_sd_fw_ingress", "bpf");

	test_nm_kind("empty", "", NM_BLANK);
	test_nm_kind("blanks", " \t  ", NM_BLANK);
	test_nm_kind("'U' without address", "                 U printk", NM_UNDEFINED);
	test_nm_kind("'w' without address", "         w __weak_thing", NM_UNDEFINED);
	test_nm_kind("indented text", "   hello there", NM_GARBAGE);
	test_nm_kind("prose", "hello world", NM_GARBAGE);
	test_nm_kind("address only", "ffffffff81000000", NM_GARBAGE);
	test_nm_kind("no name", "ffffffff81000000 T", NM_GARBAGE);
	test_nm_kind("no name, blank after type", "ffffffff81000000 T   ", NM_GARBAGE);
	test_nm_kind("two-letter type", "ffffffff81000000 TT foo", NM_GARBAGE);
	test_nm_kind("digit type", "ffffffff81000000 1 foo", NM_GARBAGE);
	test_nm_kind("two names", "ffffffff81000000 T foo bar", NM_GARBAGE);
	test_nm_kind("open module", "ffffffff81000000 T foo [ext4", NM_GARBAGE);
	test_nm_kind("empty module", "ffffffff81000000 T foo []", NM_GARBAGE);
	test_nm_kind("nested module", "ffffffff81000000 T foo [a]b]", NM_GARBAGE);
	test_nm_kind("non-hex address", "zzzzzzzz T foo", NM_GARBAGE);
	test_nm_kind("17 digits", "fffffffff81000000 T foo", NM_GARBAGE);
	test_nm_kind("no blank after address", "ffffffff81000000T foo", NM_GARBAGE);
	test_nm_kind("control byte in name", "ffffffff81000000 T fo\x01o", NM_GARBAGE);
	test_nm_kind("non-ASCII name", "ffffffff81000000 T f\xc3\xa9", NM_GARBAGE);
	test_nm_kind("Debian placeholder",
		     "ffffffffffffffff B The real System.map is in the linux-image-<version>-dbg package",
		     NM_GARBAGE);

	memset(big, 'a', sizeof(big));
	memcpy(big, "ffffffff81000000 T ", 19);
	big[19 + KSR_NAME_MAX - 1] = '\0';
	ok(nm(big, &(struct nm_line){ 0 }) == NM_SYMBOL, "name of %d bytes is a symbol",
	   KSR_NAME_MAX - 1);
	big[19 + KSR_NAME_MAX - 1] = 'a';
	big[19 + KSR_NAME_MAX] = '\0';
	ok(nm(big, &(struct nm_line){ 0 }) == NM_GARBAGE, "name of %d bytes is garbage",
	   KSR_NAME_MAX);

	memset(mod, 'm', sizeof(mod));
	memcpy(mod, "ffffffff81000000 T f [", 22);
	mod[22 + KSR_MODULE_NAME_MAX] = ']';
	mod[22 + KSR_MODULE_NAME_MAX + 1] = '\0';
	ok(nm(mod, &(struct nm_line){ 0 }) == NM_GARBAGE, "module name of %d bytes is garbage",
	   KSR_MODULE_NAME_MAX);
}

static void test_format(void)
{
	struct ksymres_symbol s = {
		.addr = 0xffffffffc0a01010ULL, .start = 0xffffffffc0a01000ULL,
		.offset = 0x10, .size = 0x1a0, .name = "ext4_fill_super",
		.module = "ext4", .flags = KSYMRES_SYMBOL_FOUND | KSYMRES_SYMBOL_MODULE,
	};
	char buf[128];
	int n;

	n = ksymres_format_symbol(&s, buf, sizeof(buf));
	ok(n > 0 && !strcmp(buf, "ext4_fill_super+0x10/0x1a0 [ext4]"),
	   "format: symbol+0xoff/0xsize [module] (%s)", buf);
	s.module = NULL;
	ksymres_format_symbol(&s, buf, sizeof(buf));
	ok(!strcmp(buf, "ext4_fill_super+0x10/0x1a0"), "format: vmlinux has no [module]");
	n = ksymres_format_symbol(&s, buf, 5);
	ok(n == (int)strlen("ext4_fill_super+0x10/0x1a0") && !strcmp(buf, "ext4"),
	   "format: truncates and returns the full length, like snprintf");
	s.flags = 0;
	ksymres_format_symbol(&s, buf, sizeof(buf));
	ok(!strcmp(buf, "0xffffffffc0a01010"), "format: not found prints the address as %%pS does");
	ok(!strcmp(ksymres_source_name(KSYMRES_SOURCE_SYSMAP), "map") &&
	   !strcmp(ksymres_source_name(KSYMRES_SOURCE_DEVICE), "device") &&
	   !strcmp(ksymres_source_name(KSYMRES_SOURCE_KALLSYMS), "kallsyms"),
	   "source names are the --source words");
	ok(strstr(ksymres_strerror(-ENODATA), "placeholder") != NULL,
	   "strerror: ENODATA means the placeholder map");
	ok(strstr(ksymres_strerror(ENODEV), "ksymres.ko") != NULL,
	   "strerror: ENODEV names the module");
	ok(!strcmp(ksymres_strerror(-ENOENT), "No such file or directory"),
	   "strerror: other codes are strerror()");
	ok(!strcmp(ksymres_version(), KSYMRES_LIB_VERSION), "version is %s", ksymres_version());
}

int main(void)
{
	test_addresses();
	test_nm_lines();
	test_format();
	return done();
}
