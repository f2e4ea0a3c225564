/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "pb-client.h"

G_BEGIN_DECLS

/* PbClient spans pb-client.c (the object and its calls), pb-client-call.c (one request, from
 * token to parsed answer), pb-client-paging.c (a whole list) and pb-client-error.c (what the
 * user reads when something fails). */

#define PB_CLIENT_PAGE_LIMIT          100
#define PB_CLIENT_MAX_PAGES_IN_FLIGHT 4

struct _PbClient
{
  GObject        parent_instance;

  SoupSession   *session;
  GCancellable  *cancellable;   /* cancelled in dispose: stops every call */
  char          *base_url;      /* as given */
  GUri          *base_uri;      /* scheme://host:port/path/ ; NULL when base_url is unusable */
  char          *access_token;
  PbTokenSource *token_source;
  guint          timeout;
  guint          max_pages;
};

/* The most pages a list reads before it gives up with PB_CLIENT_ERROR_BAD_RESPONSE (10,000
 * unless changed). Lets a test reach the limit without a million connections. */
void    _pb_client_set_max_pages       (PbClient      *self,
                                        guint          max_pages);

/* The URL of `relative` (already escaped) below the base URL, or a NETWORK error. */
GUri   *_pb_client_build_uri           (PbClient      *self,
                                        const char    *relative,
                                        GError       **error);

/* What a call's task returned (for the _finish functions): checks that `result` is a task of
 * this client with this source tag. */
gpointer _pb_client_propagate          (PbClient      *self,
                                        GAsyncResult  *result,
                                        gpointer       source_tag,
                                        GError       **error);

/* Wipes a token before freeing it. */
void    _pb_client_secret_free         (char          *secret);

/* {{{ Errors (pb-client-error.c) */

/* What came back from one request, handed to a worker thread to be parsed. */
typedef gpointer (*PbClientParseFunc) (const char  *data,
                                       gsize        length,
                                       const char  *content_type,
                                       GError     **error);

typedef struct
{
  guint             status;
  char             *content_type;
  gint64            retry_after;
  GBytes           *body;
  char             *token;   /* only to keep it out of messages */
  char             *what;    /* "GET /v2/connections" for debug lines */
  PbClientParseFunc parse;
  GDestroyNotify    result_free;
} PbClientResponse;

GError *_pb_client_error_new           (PbClientError            code,
                                        guint                    status,
                                        gint64                   retry_after,
                                        const char              *server_message,
                                        const char              *message);
/* The error for an answer whose status is not a success. */
GError *_pb_client_status_error        (const PbClientResponse  *response);
/* A 2xx answer whose body is not what was asked for. */
GError *_pb_client_bad_body_error      (const PbClientResponse  *response,
                                        const GError            *parse_error);
/* Makes text from a server fit in one line of a sentence: valid UTF-8, no control characters
 * or bidi overrides, single spaces, at most 500 characters. NULL when nothing is left. */
char   *_pb_client_sanitize_server_text (const char           *text);
GError *_pb_client_too_large_error     (guint                    status);
/* Marks a PB_CLIENT_ERROR of a write as failed after its request went out in full (see
 * pb_client_error_get_request_sent()). */
void    _pb_client_error_set_request_sent (GError                *error);
GError *_pb_client_invalid_base_url_error (void);
/* Seconds from a Retry-After header (a number or an HTTP date), or -1. */
gint64  _pb_client_parse_retry_after   (const char              *value);

/* }}} */
/* {{{ One call (pb-client-call.c) */

/* Makes `target` cancelled whenever `source` is. */
typedef struct
{
  GCancellable *source;
  gulong        handler_id;
} PbCancelLink;

void    _pb_cancel_link_init           (PbCancelLink      *link,
                                        GCancellable      *source,
                                        GCancellable      *target);
void    _pb_cancel_link_clear          (PbCancelLink      *link);

typedef enum
{
  PB_CLIENT_CALL_READ  = 0,
  /* A request that changes something on the server: it is never sent twice once it went out.
   * It goes on a connection of its own, follows only same-origin 307 and 308 redirects (which
   * keep the method and body), and a failure after its body went out is marked with
   * _pb_client_error_set_request_sent(). */
  PB_CLIENT_CALL_WRITE = 1 << 0,
} PbClientCallFlags;

/* Starts a request on `task` (source object: the client; its cancellable stops the call): a
 * token, the request, the whole answer (at most PB_CLIENT_MAX_RESPONSE_SIZE), same-origin
 * redirects, one renewal of the token after a 401, then `parse` on a worker thread. The task
 * returns what `parse` returns, or a PB_CLIENT_ERROR. Takes `uri`. */
void    _pb_client_call_start          (GTask             *task,
                                        const char        *method,
                                        GUri              *uri,
                                        GBytes            *body,
                                        PbClientParseFunc  parse,
                                        GDestroyNotify     result_free);
/* The same, with flags. */
void    _pb_client_call_start_full     (GTask             *task,
                                        const char        *method,
                                        GUri              *uri,
                                        GBytes            *body,
                                        PbClientCallFlags  flags,
                                        PbClientParseFunc  parse,
                                        GDestroyNotify     result_free);

/* }}} */
/* {{{ One connection (pb-client.c) */

/* A PbClientParseFunc for one connection: a PbConnection. */
gpointer _pb_client_parse_connection   (const char  *data,
                                        gsize        length,
                                        const char  *content_type,
                                        GError     **error);
/* The URL of /v2/connections/{ref} (ref escaped as one path segment); a NOT_FOUND error for a
 * ref that cannot be one (empty, "." or ".."), a NETWORK one for an unusable base URL. */
GUri    *_pb_client_build_connection_uri (PbClient    *self,
                                          const char  *ref,
                                          GError     **error);

/* }}} */
/* {{{ Paging (pb-client-paging.c) */

/* A PbClientParseFunc for a list page: a GPtrArray of PbConnection. */
gpointer _pb_client_parse_list_page    (const char  *data,
                                        gsize        length,
                                        const char  *content_type,
                                        GError     **error);

/* }}} */

G_END_DECLS
