/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What valid JSON is, for all of Plugboard: RFC 8259, strictly, in UTF-8, with
 * - no NUL byte anywhere (a \u0000 escape is allowed; decoded, it becomes a space),
 * - a \u escape of a lone surrogate (a high one not followed by a low one, or a low one
 *   alone) is valid, as the grammar has it; decoded, it becomes U+FFFD, and wherever Plugboard
 *   keeps or writes JSON text (pb_json_text_compact(), pb_json_text_pretty(), a connection's
 *   text) it is written \ufffd, so that no other parser ever sees it (json-glib would make it
 *   bytes that are not UTF-8); surrogates written as UTF-8 bytes are not UTF-8, and refused,
 * - arrays and objects nested at most PB_JSON_MAX_DEPTH deep (the document itself is the
 *   first level).
 * Every JSON text from outside passes pb_json_text_check() (or a PbJsonReader, which checks
 * first) before anything reads it; json-glib 1.6 leaks on some malformed input and recurses
 * without limit, so it only ever gets checked text, through pb_json_parser_load(). */
#define PB_JSON_MAX_DEPTH 512

/* Errors of reading JSON. The syntax messages say what is wrong and where (line, column); the
 * structure messages (of the readers built on top) name the place in the document, e.g.
 * "items[3].auth.authType: expected a string". */
#define PB_PARSE_ERROR (pb_parse_error_quark ())

typedef enum
{
  PB_PARSE_ERROR_SYNTAX,    /* not JSON at all (or not UTF-8, or too deep) */
  PB_PARSE_ERROR_STRUCTURE, /* JSON, but not the shape of the API (wrong type, missing member) */
} PbParseError;

GQuark pb_parse_error_quark (void);

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

/* Whether the first `length` bytes of `data` are exactly one valid JSON value (see above).
 * Does not recurse. On failure, `error` is a PB_PARSE_ERROR_SYNTAX. */
gboolean pb_json_text_check             (const char        *data,
                                         gsize              length,
                                         PbJsonCheckFlags   flags,
                                         GError           **error);

/* Like pb_json_text_check(), and returns the text without the white space between its tokens
 * (strings and numbers exactly as written, lone surrogate escapes as \ufffd) and without a
 * byte order mark, or NULL. */
char    *pb_json_text_compact           (const char        *data,
                                         gsize              length,
                                         PbJsonCheckFlags   flags,
                                         GError           **error);

/* When pb_json_text_check() accepts `data` and it is an object whose last `member` member is
 * a string: that string, decoded. Otherwise NULL. */
char    *pb_json_text_get_top_level_string (const char      *data,
                                            gsize            length,
                                            PbJsonCheckFlags flags,
                                            const char      *member);

/* Pretty-prints JSON text with an indent of two spaces. Only white space between tokens
 * changes: strings and numbers stay exactly as written (but lone surrogate escapes, as
 * \ufffd). ${placeholders} where a value belongs
 * (as in {"count": ${count}}) are accepted as values, since request bodies are templates.
 * Returns NULL when pb_json_text_check() refuses the text. */
char   *pb_json_text_pretty            (const char *text);

/* Finds the ${placeholder} spans of `text` (inside or outside JSON strings), in order.
 * Each span covers the whole "${name}"; a name is one or more characters without braces,
 * quotes, backslashes, white space or control characters.
 * Returns a GArray of PbTextSpan, empty when there is none (also for NULL). */
GArray *pb_json_text_find_placeholders (const char *text);

/* json_parser_load_from_data() of text that pb_json_text_check() accepts (else FALSE with its
 * error), without its byte order mark and with lone surrogate escapes repaired. */
gboolean    pb_json_parser_load        (JsonParser        *parser,
                                        const char        *data,
                                        gsize              length,
                                        PbJsonCheckFlags   flags,
                                        GError           **error);

/* Typed members of json-glib objects (of checked text). Each takes a NULL object (giving
 * NULL / FALSE), and never logs a critical for a missing member or one of another type. */
JsonNode   *pb_json_object_get_node    (JsonObject  *object,
                                        const char  *member);
/* The string, or NULL when missing, null or not a string. */
const char *pb_json_object_get_string  (JsonObject  *object,
                                        const char  *member);
JsonObject *pb_json_object_get_object  (JsonObject  *object,
                                        const char  *member);
JsonArray  *pb_json_object_get_array   (JsonObject  *object,
                                        const char  *member);
/* A whole number: an integer, or a number without a fraction within ±10^15. */
gboolean    pb_json_object_get_int     (JsonObject  *object,
                                        const char  *member,
                                        gint64      *out);
gboolean    pb_json_object_get_boolean (JsonObject  *object,
                                        const char  *member,
                                        gboolean    *out);
/* The node's string, or NULL when it is not a string. */
const char *pb_json_node_get_string    (JsonNode    *node);
/* pb_json_object_get_int() of a node. */
gboolean    pb_json_node_get_int       (JsonNode    *node,
                                        gint64      *out);

G_END_DECLS
