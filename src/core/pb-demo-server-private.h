/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "pb-demo-server.h"

G_BEGIN_DECLS

/* PbDemoServer spans six files:
 * - pb-demo-server.c     the object, its life cycle, routing, the checks made before a body is
 *                        read (Host, bearer token, size) and latency;
 * - pb-demo-refusal.c    refusals of a request with a body, written before the body is read;
 * - pb-demo-store.c      the data set: items, loading, and what a create or update stores;
 * - pb-demo-handlers.c   the answers to each request of the API;
 * - pb-demo-writes.c     what tests make happen to writes (a colleague's change, a failure);
 * - pb-demo-generator.c  generated data sets for tests and benchmarks. */

#define PB_DEMO_COLLECTION_PATH "/v2/connections"
#define PB_DEMO_USER_REF        "8d3f6a2e-5b1c-4e7a-9f0d-2c4b6e8a1d3f"

/* One stored connection. Its compact JSON text (written by json-glib) is kept split around
 * the base URL of its href ("…"href":"" + base URL + "/v2/connections/<ref>"…"), so that pages
 * are built by concatenation whatever the base URL turns out to be. */
typedef struct _PbDemoRefusal PbDemoRefusal;

typedef struct
{
  char   *ref;
  char   *client_key;  /* as stored, or NULL */
  char   *head;
  gsize   head_len;
  char   *tail;
  gsize   tail_len;
  gint64  revision;
} PbDemoItem;

struct _PbDemoServer
{
  GObject       parent_instance;

  GMainContext *context;
  SoupServer   *server;
  char         *base_url;
  guint         port;

  char         *token;
  char         *client_key;
  char         *sentinel;   /* stands for the base URL inside a serialized item */

  GPtrArray    *items;      /* PbDemoItem, in order */
  GHashTable   *by_ref;     /* ref → PbDemoItem (owned by items) */

  guint         latency;
  GPtrArray    *delayed;    /* PbDelayedAnswer */
  GPtrArray    *refusals;   /* PbDemoRefusal under way (not owned: each ends itself) */

  guint         fail_status;
  char         *fail_body;
  guint         fail_count;

  guint         n_requests;
  guint         n_writes;
  /* What pb_demo_server_fail_next_write() asked for: a PbDemoWriteFailure + 1, or 0. */
  guint         write_failure;
  guint         write_failure_status;
  char         *write_failure_ref;  /* the next PUT of it fails (pb_demo_server_fail_write_to) */
  guint         write_failure_ref_status;
};

/* pb-demo-store.c */

void        _pb_demo_item_free            (PbDemoItem   *item);
/* Makes an item of a connection object with a "ref" (setting its href); NULL without one. */
PbDemoItem *_pb_demo_item_new             (PbDemoServer *self,
                                           JsonObject   *object);
/* Appends the item's JSON text, with the server's base URL in its href. */
void        _pb_demo_item_append          (PbDemoServer *self,
                                           PbDemoItem   *item,
                                           GString      *out);
/* Adds the item, or replaces the one with the same ref where it stands. Takes the item. */
void        _pb_demo_store_put            (PbDemoServer *self,
                                           PbDemoItem   *item);
void        _pb_demo_store_clear          (PbDemoServer *self);
void        _pb_demo_store_load_builtin   (PbDemoServer *self);
/* What a create or update stores: the body's members in its order, with the ones the server
 * owns (ref, href, clientKey, revision, modifiedAt, modifiedByRef) set by it, never taken from
 * the body. client_key: the one the connection has (an update), or NULL for the server's. */
JsonObject *_pb_demo_store_build_object   (PbDemoServer *self,
                                           JsonObject   *body,
                                           const char   *ref,
                                           gint64        revision,
                                           const char   *client_key);
/* Now, as the API writes modifiedAt ("2026-12-05T18:00:00.123Z"). */
char       *_pb_demo_now_timestamp        (void);
/* Parses text from outside once the project's strict check accepts it. */
JsonNode   *_pb_demo_parse                (const char   *data,
                                           gsize         length,
                                           GError      **error);
/* The node at a dotted `path` of members ("request.connectionUrl") when it is of `type`, or
 * NULL; never a critical for a missing member or one of another type. */
JsonNode   *_pb_demo_lookup               (JsonObject   *object,
                                           const char   *path,
                                           JsonNodeType  type);
/* _pb_demo_lookup() of a string. */
const char *_pb_demo_lookup_string        (JsonObject   *object,
                                           const char   *path);

/* pb-demo-handlers.c */

/* Members of the object a JsonBuilder is writing. */
void        _pb_demo_add_string           (JsonBuilder       *builder,
                                           const char        *name,
                                           const char        *value);
void        _pb_demo_add_int              (JsonBuilder       *builder,
                                           const char        *name,
                                           gint64             value);
void        _pb_demo_add_boolean          (JsonBuilder       *builder,
                                           const char        *name,
                                           gboolean           value);

/* The API's error body (status, code, message, developerMessage, moreInfo). */
void        _pb_demo_answer_error         (SoupServerMessage *msg,
                                           guint              status,
                                           gint64             code,
                                           const char        *message,
                                           const char        *developer_message);
/* `status` with the API's error body for it. */
void        _pb_demo_answer_status        (SoupServerMessage *msg,
                                           guint              status);
/* What pb_demo_server_fail_next() asked for. */
void        _pb_demo_answer_failure       (PbDemoServer      *self,
                                           SoupServerMessage *msg);
void        _pb_demo_handle_list          (PbDemoServer      *self,
                                           SoupServerMessage *msg,
                                           GHashTable        *query);
void        _pb_demo_handle_get           (PbDemoServer      *self,
                                           SoupServerMessage *msg,
                                           const char        *ref);
void        _pb_demo_handle_create        (PbDemoServer      *self,
                                           SoupServerMessage *msg);
void        _pb_demo_handle_update        (PbDemoServer      *self,
                                           SoupServerMessage *msg,
                                           const char        *ref);
void        _pb_demo_handle_test          (PbDemoServer      *self,
                                           SoupServerMessage *msg);

/* pb-demo-refusal.c */

/* Answers what msg holds (its status and response are set) on its connection, taken from
 * libsoup, after the server's latency, without reading the rest of the request; then closes
 * the connection. msg may be freed when it returns. */
void        _pb_demo_refuse_on_connection (PbDemoServer      *self,
                                           SoupServerMessage *msg);
/* Ends the connections of the refusals under way (the server stops). */
void        _pb_demo_refusals_drop        (PbDemoServer      *self);

/* pb-demo-writes.c */

/* Counts a write (a POST or PUT of a connection, its body read) and does what
 * pb_demo_server_fail_next_write() asked for. TRUE when it answered (or dropped) the request,
 * FALSE when the handlers are to answer it. */
/* The ref of a path /v2/connections/{ref} (unescaped; a trailing slash allowed), or NULL. */
char       *_pb_demo_ref_of_path          (const char        *path);
gboolean    _pb_demo_intercept_write      (PbDemoServer      *self,
                                           SoupServerMessage *msg,
                                           const char        *path);

/* pb-demo-generator.c */

/* `length` letters and digits, from `rand` (NULL: GLib's global one). */
char       *_pb_demo_random_key           (GRand        *rand,
                                           guint         length);

G_END_DECLS
