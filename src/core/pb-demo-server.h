/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pb-types.h"

G_BEGIN_DECLS

/* A local server of the Connection REST API (SoupServer on 127.0.0.1): list with paging, get by
 * ref, create, update, testConnection; checks the bearer token. Serves the built-in demo data
 * set unless told otherwise. It runs on the thread-default main context of its creator.
 * Every connection it serves has its href rewritten to "<base URL>/v2/connections/<ref>";
 * every other field is kept as it came, in its order.
 *
 * It refuses before it reads a request's body, each with the API's error body, in this order:
 * - 421 Misdirected Request when the request is for another host than the one it listens on:
 *   its Host (and the URL of its request line, when absolute) must be 127.0.0.1:PORT or
 *   localhost:PORT, so that a web page cannot reach it through a name of its own (DNS
 *   rebinding);
 * - what pb_demo_server_fail_next() asked for;
 * - 401 without the bearer token;
 * - 413 Payload Too Large when Content-Length announces more than
 *   PB_DEMO_SERVER_MAX_REQUEST_SIZE; a chunked body is counted while it is read and refused
 *   when it goes past that.
 * A request with a body that is refused is answered at once, with "Connection: close", and its
 * body is not kept. */
#define PB_TYPE_DEMO_SERVER (pb_demo_server_get_type ())

/* The largest request body it reads (the API's requests are a few kilobytes). */
#define PB_DEMO_SERVER_MAX_REQUEST_SIZE (1024 * 1024)
G_DECLARE_FINAL_TYPE (PbDemoServer, pb_demo_server, PB, DEMO_SERVER, GObject)

PbDemoServer *pb_demo_server_new            (void);
/* Loads a list document ({"items": [...]}) instead of the built-in data set. Anything else
 * fails with G_IO_ERROR_INVALID_DATA and leaves the data as it was. */
gboolean      pb_demo_server_load_data      (PbDemoServer  *self,
                                             const char    *data,
                                             gssize         length,
                                             GError       **error);

/* The built-in demo data sets, for "Compare Accounts…" in demo mode: two accounts of one
 * company. STAGING is the one a new server serves (connections.json). PRODUCTION
 * (connections-production.json) is the same tenant's production as the same connections
 * promoted earlier, each with its own ref, client key, revision and modifiedAt, and:
 * - missing: "Team Chat Alert – VIP Arrival", "Shipment Tracking", "NPS Survey Response (v1)";
 * - only there: "Push Notification (new provider)";
 * - renamed: "Currency Exchange Rates" is "FX Rates (ECB)", content unchanged;
 * - "Store Locator" named "  store locator " (pairs by name all the same; the name differs);
 * - changed: "Loyalty Points Balance" (its URL), "Transactional Email" (a header's value, and
 *   a member "notes" that staging lacks), "Stock Availability" (an input mapping), "First web
 *   service" (its URL calls production's own decision model, and its client ID);
 * - identical but for server fields: every other one; "Weather Data System" with its members
 *   in the reverse order.
 * Staging's "First web service" calls the staging tenant's own API
 * (api-engage-eu.sitecorecloud.io) by the ref of a decision model that exists only there. */
typedef enum
{
  PB_DEMO_DATA_SET_STAGING,
  PB_DEMO_DATA_SET_PRODUCTION,
} PbDemoDataSet;

/* Replaces the data with a built-in data set. */
void          pb_demo_server_load_data_set  (PbDemoServer  *self,
                                             PbDemoDataSet  data_set);
/* port 0 picks a free one. */
gboolean      pb_demo_server_start          (PbDemoServer  *self,
                                             guint          port,
                                             GError       **error);
void          pb_demo_server_stop           (PbDemoServer  *self);
/* "http://127.0.0.1:PORT" once started. */
const char   *pb_demo_server_get_base_url   (PbDemoServer  *self);
guint         pb_demo_server_get_port       (PbDemoServer  *self);
/* The bearer token it accepts (a random one unless set). */
const char   *pb_demo_server_get_token      (PbDemoServer  *self);
void          pb_demo_server_set_token      (PbDemoServer  *self,
                                             const char    *token);
guint         pb_demo_server_get_n_connections (PbDemoServer *self);
/* Replaces (or adds at the end) one connection, given as a JSON object text with a "ref". */
gboolean      pb_demo_server_put_connection (PbDemoServer  *self,
                                             const char    *json,
                                             GError       **error);
gboolean      pb_demo_server_remove_connection (PbDemoServer *self,
                                                const char   *ref);
/* Delay before each answer, to imitate a round trip (the main loop keeps running). */
void          pb_demo_server_set_latency    (PbDemoServer  *self,
                                             guint          milliseconds);
/* The next `count` requests (for its own address) answer `status` with `body` (NULL: the API's
 * error body for that status). count 0 clears it. */
void          pb_demo_server_fail_next      (PbDemoServer  *self,
                                             guint          status,
                                             const char    *body,
                                             guint          count);
/* Test hooks of writes (pb-demo-writes.c). A colleague's edit of the connection `ref`: its
 * revision raised by one, modifiedAt now, modifiedByRef another user and its description
 * changed. FALSE for an unknown ref. */
gboolean      pb_demo_server_simulate_change (PbDemoServer *self,
                                              const char   *ref);

typedef enum
{
  PB_DEMO_WRITE_FAIL_STATUS,        /* answers the status with the API's error body; nothing
                                     * is stored */
  PB_DEMO_WRITE_DROP,               /* reads the body, stores nothing, and closes the
                                     * connection without an answer */
  PB_DEMO_WRITE_DROP_AFTER_STORING, /* reads the body, stores it, and closes the connection
                                     * without an answer */
  PB_DEMO_WRITE_DROP_AFTER_CHANGE,  /* reads the body, stores nothing of it, but a colleague
                                     * changes the connection (an update's; see
                                     * pb_demo_server_simulate_change()) before it closes the
                                     * connection without an answer */
} PbDemoWriteFailure;

/* The next write (a POST or PUT of a connection that passed the checks made before its body is
 * read) fails as told; `status` is for PB_DEMO_WRITE_FAIL_STATUS. */
void          pb_demo_server_fail_next_write (PbDemoServer       *self,
                                              PbDemoWriteFailure  failure,
                                              guint               status);
/* The next PUT of the connection `ref` answers `status` with the API's error body, whatever
 * other writes come before it; nothing is stored. For a failure in the middle of several
 * writes. */
void          pb_demo_server_fail_write_to   (PbDemoServer       *self,
                                              const char         *ref,
                                              guint               status);
/* Writes (POST and PUT of connections) whose body it read, whatever it answered. */
guint         pb_demo_server_get_n_writes    (PbDemoServer       *self);

/* Number of requests served so far. */
guint         pb_demo_server_get_n_requests (PbDemoServer  *self);
/* Replaces the data with n_connections realistic generated connections (both system types,
 * NONE and OAUTH, GET/POST/PUT, some archived, filled tables, some non-Latin text). The same
 * seed gives the same connections. For tests and benchmarks. */
void          pb_demo_server_generate       (PbDemoServer  *self,
                                             guint          n_connections,
                                             guint32        seed);

G_END_DECLS
