/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pb-test-report.h"
#include "pb-token-source.h"
#include "pb-types.h"

G_BEGIN_DECLS

/* Failures of a call to the API, by what the user can do about them. The message of such an
 * error is a translated sentence for people (with the server's own `message` when its error
 * body had one); pb_client_error_get_*() give the details. */
#define PB_CLIENT_ERROR (pb_client_error_quark ())

typedef enum
{
  PB_CLIENT_ERROR_UNAUTHORIZED,  /* 401: sign in again */
  PB_CLIENT_ERROR_FORBIDDEN,     /* 403: the key lacks the permission */
  PB_CLIENT_ERROR_NOT_FOUND,     /* 404 */
  PB_CLIENT_ERROR_RATE_LIMITED,  /* 429: see pb_client_error_get_retry_after() */
  PB_CLIENT_ERROR_SERVER,        /* 5xx */
  PB_CLIENT_ERROR_REJECTED,      /* any other 4xx (400 validation, 409, 415, …) */
  PB_CLIENT_ERROR_NETWORK,       /* cannot connect (refused, reset), DNS, with the network up */
  PB_CLIENT_ERROR_TIMEOUT,
  PB_CLIENT_ERROR_TLS,           /* certificate not trusted */
  PB_CLIENT_ERROR_BAD_RESPONSE,  /* not the JSON the API answers, or too large: see
                                  * pb_client_error_get_parse_message() and the others */
  PB_CLIENT_ERROR_OFFLINE,       /* this computer has no network (no route, or the system's
                                  * network monitor says so): nothing reached any server */
  PB_CLIENT_ERROR_REDIRECTED,    /* the server sent Plugboard to another server (or the
                                  * sign-in service to any address): not followed, nothing sent */
} PbClientError;

GQuark      pb_client_error_quark              (void);
/* HTTP status of the failed answer, or 0 when there was none. */
guint       pb_client_error_get_status         (const GError *error);
/* Seconds from Retry-After, or -1 when the server gave none. */
gint64      pb_client_error_get_retry_after    (const GError *error);
/* TRUE when a write (create, update) failed after its request went out in full: the
 * connection closed, was reset or timed out before the whole answer came, or the server
 * answered a success that does not read. The server may have made the change: read it again to
 * know (the client never sends a write twice). */
gboolean    pb_client_error_get_request_sent   (const GError *error);
/* The `message` of the server's error body, or NULL. */
const char *pb_client_error_get_server_message (const GError *error);
/* For a BAD_RESPONSE, what was wrong, to show on request (each NULL when not known): why the
 * answer does not parse (a sentence of the JSON reader), its Content-Type, and the start of
 * its body as one line of text (at most 200 bytes of it, valid UTF-8, no control characters,
 * the token and secret-looking JSON values masked). */
const char *pb_client_error_get_parse_message  (const GError *error);
const char *pb_client_error_get_content_type   (const GError *error);
const char *pb_client_error_get_body_start     (const GError *error);

/* Reads an API error body ({"status", "code", "message", "developerMessage", "moreInfo"}).
 * Returns its `message` (or NULL when the body is not such a document). Never fails. */
char       *pb_client_parse_error_message      (const char *data,
                                                gsize       length);

/* The largest answer Plugboard reads; a larger one is a BAD_RESPONSE. */
#define PB_CLIENT_MAX_RESPONSE_SIZE (64 * 1024 * 1024)

/* Called on the main context with each page of connections, in order, while a list
 * is loading: lets the window show the first rows before the last page arrived. A page holds
 * only connections whose ref no earlier page had; it is lent for the call (take a reference to
 * keep it). Never called after the list was cancelled or has finished. */
typedef void (*PbClientPageFunc) (GPtrArray *connections,
                                  gpointer   user_data);

#define PB_TYPE_CLIENT (pb_client_get_type ())
G_DECLARE_FINAL_TYPE (PbClient, pb_client, PB, CLIENT, GObject)

/* base_url: e.g. "https://api-engage-eu.sitecorecloud.io" (no trailing path needed; a path and a
 * trailing slash are fine). An unusable URL gives a PB_CLIENT_ERROR_NETWORK on every call.
 * Use the client from the thread that created it (its SoupSession lives there); callbacks run
 * on that thread's default main context. Disposing the client cancels its calls. */
PbClient     *pb_client_new                     (const char           *base_url);
const char   *pb_client_get_base_url            (PbClient             *self);
/* A fixed token (the demo server's, a test's). Replaces any token source. */
void          pb_client_set_access_token        (PbClient             *self,
                                                 const char           *token);
/* Where tokens come from (an account). On a 401 the client asks it once for a renewed token
 * and repeats the request with it. NULL: none. */
void          pb_client_set_token_source        (PbClient             *self,
                                                 PbTokenSource        *source);
/* I/O timeout in seconds (default 30): a server that sends nothing for that long, before the
 * headers or in the middle of the body, gives PB_CLIENT_ERROR_TIMEOUT. libsoup applies it to
 * connections opened after the change. */
void          pb_client_set_timeout             (PbClient             *self,
                                                 guint                 seconds);
guint         pb_client_get_timeout             (PbClient             *self);
/* Lets a test trust its own self-signed certificate (NULL: the system's). Applies to
 * connections opened after the change. */
void          pb_client_set_tls_database        (PbClient             *self,
                                                 GTlsDatabase         *database);

/* GET /v2/connections, every page (limit=100&offset=…), several at once once the server has
 * shown that it pages. Result: GPtrArray of PbConnection, in the server's order, without a
 * second connection of the same ref. */
void          pb_client_list_connections_async  (PbClient             *self,
                                                 PbClientPageFunc      page_func,
                                                 gpointer              page_data,
                                                 GDestroyNotify        page_data_destroy,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GPtrArray    *pb_client_list_connections_finish (PbClient             *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

/* GET /v2/connections/{ref}. */
void          pb_client_get_connection_async    (PbClient             *self,
                                                 const char           *ref,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
PbConnection *pb_client_get_connection_finish   (PbClient             *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

/* Writes (pb-client-write.c). `body_json` is sent as it is (Content-Type: application/json);
 * the answer (200 or 201) is the connection as the server stored it. A write is never sent
 * twice: after a 401 it is repeated once with a renewed token (the server refused it before
 * acting on it), and any failure once its body went out is returned with
 * pb_client_error_get_request_sent(). It follows only 307 and 308 redirects to the same
 * server; any other redirect is PB_CLIENT_ERROR_REDIRECTED.
 * POST /v2/connections: creates a connection. */
void          pb_client_create_connection_async  (PbClient            *self,
                                                  const char          *body_json,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
PbConnection *pb_client_create_connection_finish (PbClient            *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* PUT /v2/connections/{ref}: replaces the whole connection. */
void          pb_client_update_connection_async  (PbClient            *self,
                                                  const char          *ref,
                                                  const char          *body_json,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
PbConnection *pb_client_update_connection_finish (PbClient            *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* POST /v2/connections/testConnection with {"connection": <the object as received>}.
 * Result: the report as received (compact JSON text). */
void          pb_client_test_connection_async   (PbClient             *self,
                                                 PbConnection         *connection,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
char         *pb_client_test_connection_finish  (PbClient             *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
/* The same test, with the report read for people on the worker thread. */
void          pb_client_run_test_async          (PbClient             *self,
                                                 PbConnection         *connection,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
PbTestReport *pb_client_run_test_finish         (PbClient             *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
/* The same test with the connection's ${placeholders} filled in from `values` (NULL: as
 * received), as pb_connection_dup_test_body() fills them; finished by
 * pb_client_run_test_finish(). */
void          pb_client_run_test_with_values_async (PbClient            *self,
                                                    PbConnection        *connection,
                                                    GHashTable          *values,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);

/* Checks that the server answers and takes the credentials, with the smallest request there
 * is: GET /v2/connections?limit=1&offset=0. A refused sign-in is PB_CLIENT_ERROR_UNAUTHORIZED
 * (after the token source was asked once for a renewed token, as for every call). */
void          pb_client_check_sign_in_async     (PbClient             *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer             user_data);
gboolean      pb_client_check_sign_in_finish    (PbClient             *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
