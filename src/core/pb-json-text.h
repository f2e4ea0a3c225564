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

G_END_DECLS
