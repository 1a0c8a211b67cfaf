// SPDX-License-Identifier: GPL-2.0-only
/*
 * The second ksymres selftest module: a static function with the same
 * name as one in ksymres_testmod, so that a lookup finds two.
 */
#include <linux/compiler.h>
#include <linux/init.h>
#include <linux/module.h>

static int ksymres_testmod2_seed;

static noinline __used int ksymres_testmod_dup(int x)
{
	return x * 5 + READ_ONCE(ksymres_testmod2_seed);
}

static int __init ksymres_testmod2_init(void)
{
	return ksymres_testmod_dup(0);
}
module_init(ksymres_testmod2_init);

static void __exit ksymres_testmod2_exit(void)
{
}
module_exit(ksymres_testmod2_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("ksymres selftest module: a duplicated static name");
