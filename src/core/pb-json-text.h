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

typedef enum
{
  PB_JSON_CHECK_DEFAULT            = 0,
  PB_JSON_CHECK_ALLOW_PLACEHOLDERS = 1 << 0, /* ${name} where a value inside [] or {} belongs */
  PB_JSON_CHECK_ALLOW_BOM          = 1 << 1, /* a leading UTF-8 byte order mark */
} PbJsonCheckFlags;

/* Whether `data` is exactly one JSON value, strictly as RFC 8259 writes it, in UTF-8 (no NUL
 * bytes, no lone surrogates in \u escapes), with arrays and objects nested at most `max_depth`
 * deep. It recurses at most `max_depth` times. Check with this (and PB_PARSE_MAX_DEPTH) before
 * giving a text from the network to json-glib 1.6, which leaks memory on some malformed input
 * and recurses without limit. `error` (G_IO_ERROR_INVALID_DATA) says where, for g_debug. */
gboolean pb_json_text_check             (const char        *data,
                                         gsize              length,
                                         PbJsonCheckFlags   flags,
                                         guint              max_depth,
                                         GError           **error);

/* Like pb_json_text_check(), and returns the text without the white space between its tokens
 * (strings and numbers exactly as written), or NULL. */
char    *pb_json_text_compact           (const char        *data,
                                         gsize              length,
                                         PbJsonCheckFlags   flags,
                                         guint              max_depth,
                                         GError           **error);

/* When pb_json_text_check() accepts `data` and it is an object whose last `member` member is
 * a string: that string, decoded (U+0000 becomes a space; it may hold other control
 * characters). Otherwise NULL. */
char    *pb_json_text_get_top_level_string (const char      *data,
                                            gsize            length,
                                            PbJsonCheckFlags flags,
                                            guint            max_depth,
                                            const char      *member);

/* Pretty-prints JSON text (RFC 8259, strictly) with an indent of two spaces. Only white space
 * between tokens changes: strings and numbers stay exactly as written. ${placeholders} where a value belongs (as in
 * {"count": ${count}}) are accepted as values, since request bodies are templates.
 * Returns NULL when pb_json_text_check() refuses the text (at most 256 levels deep). */
char   *pb_json_text_pretty            (const char *text);

/* Finds the ${placeholder} spans of `text` (inside or outside JSON strings), in order.
 * Each span covers the whole "${name}"; a name is one or more characters without braces,
 * quotes, backslashes, white space or control characters.
 * Returns a GArray of PbTextSpan, empty when there is none (also for NULL). */
GArray *pb_json_text_find_placeholders (const char *text);

G_END_DECLS
