/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A small streaming JSON writer: one document to one FILE. */
#ifndef KSYMRES_JSON_H
#define KSYMRES_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_DEPTH	16

struct json {
	FILE *f;
	int depth;
	bool need_comma[JSON_DEPTH];
	bool after_key;
};

void json_init(struct json *j, FILE *f);
void json_obj_begin(struct json *j);
void json_obj_end(struct json *j);
void json_arr_begin(struct json *j);
void json_arr_end(struct json *j);
void json_key(struct json *j, const char *key);
void json_str(struct json *j, const char *s);	/* NULL: null */
void json_hex(struct json *j, uint64_t v);	/* "0x..." string: exact for 64 bits */
void json_uint(struct json *j, uint64_t v);
void json_bool(struct json *j, bool v);
void json_null(struct json *j);
void json_end(struct json *j);			/* newline after the document */

#endif /* KSYMRES_JSON_H */
