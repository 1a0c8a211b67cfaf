// SPDX-License-Identifier: GPL-2.0-only
/*
 * Used only by runner-selftest.sh: a module that logs a WARNING when
 * loaded, to prove that the test VM runner fails such a run.
 */
#include <linux/bug.h>
#include <linux/module.h>

static int __init ksymres_warnmod_init(void)
{
	WARN(1, "ksymres runner self-test: deliberate warning\n");
	return 0;
}
module_init(ksymres_warnmod_init);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("ksymres test VM runner self-test: logs a WARNING");
