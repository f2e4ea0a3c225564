/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A span of bytes in a text: [start, end). */
typedef struct
{
  gsize start;
  gsize end;
} PbTextSpan;

/* Pretty-prints JSON text (RFC 8259, strictly) with an indent of two spaces. Only whitespace between tokens changes:
 * strings and numbers stay exactly as written. ${placeholders} where a value belongs (as in
 * {"count": ${count}}) are accepted as values, since request bodies are templates.
 * Returns NULL when the text is not JSON (or is empty, or is not UTF-8). */
char   *pb_json_text_pretty            (const char *text);

/* Finds the ${placeholder} spans of `text` (inside or outside JSON strings), in order.
 * Each span covers the whole "${name}"; a name is one or more characters without braces,
 * quotes, backslashes, white space or control characters.
 * Returns a GArray of PbTextSpan, empty when there is none (also for NULL). */
GArray *pb_json_text_find_placeholders (const char *text);

/* Whether arrays and objects in `data` nest deeper than `max_depth` (strings are skipped).
 * json-glib recurses once per level and so overflows the stack on very deep input: check
 * with this (and PB_PARSE_MAX_DEPTH) before giving a text from the network to it. */
gboolean pb_json_text_too_deep         (const char *data,
                                        gsize       length,
                                        guint       max_depth);

G_END_DECLS
