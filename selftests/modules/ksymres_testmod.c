// SPDX-License-Identifier: GPL-2.0-only
/*
 * A module with symbols the ksymres selftests know by name: an exported
 * function, a static function whose name ksymres_testmod2 uses too, data,
 * read-only data and bss objects, and an __init function. The tests take
 * their addresses from /proc/kallsyms while it is loaded; the address of the
 * __init function, which kallsyms forgets once init is done, is published
 * in the root-only parameter init_fn_addr for the tombstone test.
 */
#include <linux/compiler.h>
#include <linux/init.h>
#include <linux/module.h>

int ksymres_testmod_data = 42;
const char ksymres_testmod_rodata[] = "ksymres";
int ksymres_testmod_bss;

static unsigned long init_fn_addr;
module_param(init_fn_addr, ulong, 0400);
MODULE_PARM_DESC(init_fn_addr, "address of ksymres_testmod_init_fn (set by init)");

noinline int ksymres_testmod_exported(int x)
{
	return x + READ_ONCE(ksymres_testmod_data);
}
EXPORT_SYMBOL_GPL(ksymres_testmod_exported);

static noinline __used int ksymres_testmod_dup(int x)
{
	return x * 3 + READ_ONCE(ksymres_testmod_bss);
}

static noinline int __init ksymres_testmod_init_fn(void)
{
	return ksymres_testmod_dup(0) + ksymres_testmod_rodata[7];
}

static int __init ksymres_testmod_init(void)
{
	init_fn_addr = (unsigned long)ksymres_testmod_init_fn;
	return ksymres_testmod_init_fn();
}
module_init(ksymres_testmod_init);

static void __exit ksymres_testmod_exit(void)
{
}
module_exit(ksymres_testmod_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("ksymres selftest module: known symbols");
