/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pb-json.h"

G_BEGIN_DECLS

/* A pull reader of JSON text: a cursor that walks the values of a document one at a time,
 * without building a tree. It checks the whole text first (pb_json_text_check()), so it only
 * ever walks valid JSON, and notes where each object and array ends, so that stepping over one
 * is a look-up.
 *
 *   reader = pb_json_reader_new (data, length, PB_JSON_CHECK_ALLOW_BOM, &error);
 *   for (gboolean more = pb_json_reader_start_object (reader); more;
 *        more = pb_json_reader_next (reader))
 *     if (pb_json_reader_member_is (reader, "name", -1))
 *       name = pb_json_reader_dup_string (reader);
 *   pb_json_reader_end (reader);
 *
 * The cursor is always on one value (at first, the document's), or past the last member or
 * element of a container (PB_JSON_NONE). */
typedef struct _PbJsonReader PbJsonReader;

typedef enum
{
  PB_JSON_NONE,    /* past the end of the container */
  PB_JSON_NULL,
  PB_JSON_BOOLEAN,
  PB_JSON_NUMBER,
  PB_JSON_STRING,
  PB_JSON_OBJECT,
  PB_JSON_ARRAY,
} PbJsonType;

/* NULL with a PB_PARSE_ERROR_SYNTAX when the text is not valid JSON. The text must stay
 * unchanged while the reader lives. With PB_JSON_CHECK_ALLOW_PLACEHOLDERS, a ${placeholder}
 * reads as a PB_JSON_NUMBER that is no integer. */
PbJsonReader *pb_json_reader_new            (const char        *data,
                                             gsize              length,
                                             PbJsonCheckFlags   flags,
                                             GError           **error);
void          pb_json_reader_free           (PbJsonReader      *self);

PbJsonType    pb_json_reader_get_value_type (PbJsonReader      *self);
/* Into the object (the array) under the cursor, which must be one: on its first member or
 * element. FALSE (and PB_JSON_NONE) when it has none; leave it with pb_json_reader_end()
 * either way. */
gboolean      pb_json_reader_start_object   (PbJsonReader      *self);
gboolean      pb_json_reader_start_array    (PbJsonReader      *self);
/* To the next member or element of the container; FALSE (and PB_JSON_NONE) past the last. */
gboolean      pb_json_reader_next           (PbJsonReader      *self);
/* Out of the container, whatever is left of it: the cursor is on the container again (the
 * member name it had is not kept), and pb_json_reader_next() moves past it. */
void          pb_json_reader_end            (PbJsonReader      *self);
/* How many containers the cursor is in (0: on the document's value). */
guint         pb_json_reader_get_depth      (PbJsonReader      *self);

/* The name of the member under the cursor (in an object), decoded; NULL elsewhere. */
char         *pb_json_reader_dup_member_name (PbJsonReader     *self);
/* Whether the member under the cursor is called `name` (of `length` bytes, or -1). */
gboolean      pb_json_reader_member_is      (PbJsonReader      *self,
                                             const char        *name,
                                             gssize             length);

/* Appends the decoded text of the string under the cursor; FALSE when it is not a string. */
gboolean      pb_json_reader_append_string  (PbJsonReader      *self,
                                             GString           *out);
/* The decoded string, or NULL when the value is not a string. */
char         *pb_json_reader_dup_string     (PbJsonReader      *self);
/* FALSE when the value is not a boolean. */
gboolean      pb_json_reader_get_boolean    (PbJsonReader      *self,
                                             gboolean          *out);
/* An integral number (or an integral double such as 5.0 or 1e3) that fits in 64 bits; FALSE
 * for anything else. */
gboolean      pb_json_reader_get_int64      (PbJsonReader      *self,
                                             gint64            *out);
/* Appends the text of the value under the cursor without the white space between its tokens
 * (strings and numbers as written). */
void          pb_json_reader_append_compact (PbJsonReader      *self,
                                             GString           *out);
/* Where the value under the cursor is in the text given to pb_json_reader_new(): its bytes
 * exactly as written (with the quotes of a string; a whole ${placeholder}). FALSE past the end
 * of a container. */
gboolean      pb_json_reader_get_value_span (PbJsonReader      *self,
                                             PbTextSpan        *span);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbJsonReader, pb_json_reader_free)

G_END_DECLS
