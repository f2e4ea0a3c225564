/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pb-connection.h"
#include "pb-item-list.h"

G_BEGIN_DECLS

/* What the connection (pb-connection.c) and its reader (pb-connection-reader.c) share. */

#define NO_STRING G_MAXUINT32

/* An offset with this bit is into `shared`. Documents are shorter than 2^31 bytes. */
#define SHARED_STRING 0x80000000u

enum {
  STR_JSON, /* first: offset 0 of the pool */
  STR_REF,
  STR_HREF,
  STR_CLIENT_KEY,
  STR_NAME,
  STR_DESCRIPTION,
  STR_MODIFIED_BY_REF,
  STR_MODIFIED_AT_TEXT,
  STR_SYSTEM_TYPE,
  STR_AUTH_TYPE,
  STR_AUTH_CLIENT_ID,
  STR_AUTH_ACCESS_TOKEN_URL,
  STR_REQUEST_TYPE,
  STR_CONNECTION_URL,
  STR_REQUEST_BODY,
  STR_EXAMPLE_VALUE,
  STR_ICON,
  N_STRS
};

enum {
  INT_REVISION,
  INT_CONNECTION_TIMEOUT,
  INT_SOCKET_TIMEOUT,
  N_INTS
};

enum {
  MODEL_OAUTH_CUSTOM_HEADERS,
  MODEL_FORM_URL_ENCODED_ITEMS,
  MODEL_CUSTOM_HEADERS,
  MODEL_URL_PARAMETERS,
  MODEL_INPUT_MAPPINGS,
  MODEL_OUTPUT_MAPPINGS,
  N_MODELS
};

struct _PbConnection
{
  GObject      parent_instance;

  char        *pool;            /* the compact JSON text, then each decoded string */
  char        *shared;          /* strings kept once for its list page (g_atomic_rc_box), or
                                 * NULL */
  guint32      pool_size;
  guint32      str[N_STRS];     /* offsets into pool (or shared), or NO_STRING */
  gint64       ints[N_INTS];    /* -1: not set */
  GDateTime   *modified_at;
  PbItemList **models;          /* N_MODELS tables, each NULL until someone asks; the
                                 * array itself NULL until the first is asked for */
  char       **unreadable;      /* places of members of the wrong type, or NULL: none */
  char        *keys;            /* the search text, then the name's sort key (at name_key);
                                 * see _pb_connection_make_keys() */
  guint32      name_key;
  guint8       system_kind;
  guint8       auth_kind;
  guint        archived : 1;
  guint        use_mutual_tls : 1;
};

/* The rows of one table (MODEL_) read from a connection's kept JSON text, or NULL when it has
 * none. */
GPtrArray    *_pb_connection_reader_read_table (const char  *json,
                                                guint        model);

/* What lists look at, made once with the connection on the reader's worker thread rather than
 * by the window at the first keystroke or sort: the search text (name, description, ref, URL,
 * system type and auth type as received, one a line, folded by pb_search_fold()), then the
 * collation key of the name ignoring case, at *name_key. Free with g_free(). */
char         *_pb_connection_make_keys         (const char  *name,
                                                const char  *description,
                                                const char  *ref,
                                                const char  *connection_url,
                                                const char  *system_type,
                                                const char  *auth_type,
                                                guint32     *name_key);

/* Parses one connection object of a json-glib tree. `path` prefixes error messages
 * ("items[3]"); NULL for a top-level object. */
PbConnection *_pb_connection_new_from_node     (JsonNode    *node,
                                                const char  *path,
                                                GError     **error);

G_END_DECLS
