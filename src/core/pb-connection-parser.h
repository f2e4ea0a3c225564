/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pb-connection-private.h"
#include "pb-json-reader.h"

G_BEGIN_DECLS

/* What pb-connection-reader.c reads with: a PbJsonReader, the place being read, and buffers
 * for the strings of the connection and of a table row. */

/* A string of the page's shared strings, by its hash. */
typedef struct
{
  guint32 hash;
  guint32 offset; /* in Parser.shared, + 1; 0: an empty slot */
  guint32 len;
} SharedSlot;

typedef struct
{
  PbJsonReader *reader;
  GString      *path;     /* the place being read, e.g. "items[3].auth" */
  GString      *pool;     /* strings of the connection being read */
  GString      *scratch;  /* strings of a table row being read */
  GString      *scratch2;
  GString      *shared;   /* strings kept once for the whole page; NULL: each in its pool */
  SharedSlot   *shared_index; /* open addressing over the strings of `shared` */
  guint         shared_mask;  /* slots - 1 (a power of two) */
  guint         shared_count;
  gboolean      build;    /* make the row objects; otherwise only check the tables */
  GPtrArray    *unreadable; /* the places of the connection being read whose values are of
                             * the wrong type (strings, owned), or NULL: not noted */
  gsize         base;       /* the length of `path` at the connection */
  GError      **error;
} Parser;

/* What a row reader gives back when it only checks. */
#define ROW_CHECKED ((gpointer)&_pb_parser_row_checked)
extern const int _pb_parser_row_checked;


/* Each reads the row under the cursor (and leaves the cursor on it), and returns the row
 * object (or ROW_CHECKED when !ps->build), or NULL when it is not a row (noted as
 * unreadable). */
typedef gpointer (*ReadRowFunc) (Parser *ps);

void        _pb_parser_init                (Parser       *ps,
                                            PbJsonReader *reader,
                                            const char   *path,
                                            GError      **error);
void        _pb_parser_clear               (Parser       *ps);

/* Reading a list page: keep the strings that many connections have alike once for the
 * page. */
void        _pb_parser_share_strings       (Parser       *ps);
/* Moves the string just decoded at `offset` of the pool (its end) into the page's shared
 * strings, once; returns its offset there, marked SHARED_STRING. */
guint32     _pb_parser_share_string        (Parser       *ps,
                                            guint32       offset);
/* A string of the connection being read, by offset (pool or shared). */
const char *_pb_parser_str                 (Parser       *ps,
                                            guint32       offset);

/* The place in the document: push returns what pop takes. */
gsize       _pb_parser_push_member         (GString      *path,
                                            const char   *name);
gsize       _pb_parser_push_index          (GString      *path,
                                            guint         index);
void        _pb_parser_pop                 (GString      *path,
                                            gsize         old);
/* Sets the error "<path>.<member>: <what>" (member may be NULL); returns FALSE. */
gboolean    _pb_parser_error               (Parser       *ps,
                                            const char   *member,
                                            const char   *what);
/* A value of the wrong type at "<path>.<member>" (member may be NULL): notes the place, from
 * the connection on (e.g. "request.connectionTimeout"), in ps->unreadable. The value is read
 * as not set; it stays in the connection's JSON text as received. */
void        _pb_parser_unreadable          (Parser       *ps,
                                            const char   *member,
                                            const char   *what);

/* The value under the cursor; of another type, it is noted (_pb_parser_unreadable()) and read
 * as null. A string (or null) decoded into `buf`, NUL-terminated, *offset where (or
 * NO_STRING); with no `buf`, only checked. */
void        _pb_parser_read_string         (Parser       *ps,
                                            const char   *member,
                                            GString      *buf,
                                            guint32      *offset);
/* A whole number from 0 to 2^63 - 1, or null: -1. */
void        _pb_parser_read_int            (Parser       *ps,
                                            const char   *member,
                                            gint64       *out);
/* A boolean, or null: FALSE. */
void        _pb_parser_read_bool           (Parser       *ps,
                                            const char   *member,
                                            gboolean     *out);

/* Checks the array (or null: empty) of rows under the cursor; when ps->build, also makes them
 * into *rows. A row that is not one is noted and left out. */
void        _pb_parser_read_rows           (Parser       *ps,
                                            const char   *member,
                                            ReadRowFunc   read_row,
                                            GPtrArray   **rows);
gpointer    _pb_parser_read_name_value     (Parser       *ps);
gpointer    _pb_parser_read_url_parameter  (Parser       *ps);
gpointer    _pb_parser_read_input_mapping  (Parser       *ps);
gpointer    _pb_parser_read_output_mapping (Parser       *ps);

/* The hash of a text, eight bytes at a time (the parser's shared strings, the list's refs). */
guint32 _pb_text_hash (const char *s,
                       gsize       len);

G_END_DECLS
