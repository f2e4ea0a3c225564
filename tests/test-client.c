/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-client"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "pb-client.h"
#include "pb-client-private.h"
#include "pb-connection.h"
#include "pb-demo-server.h"
#include "pb-token-source.h"

/* The client against a hostile SoupServer on 127.0.0.1 whose behaviour each test switches,
 * and at the end against the demo server. */

#define TOKEN        "secret-token-4f1d9a"
#define WAIT_LIMIT   60 /* seconds: only reached when something is broken */

/* A self-signed certificate for 127.0.0.1 and localhost (valid 2000–2999), made once with
 * python3-cryptography. Only for this test. */
static const char test_certificate_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBcjCCARmgAwIBAgIUSFrcIcwT1MVFj3Ga54vb8z7gccYwCgYIKoZIzj0EAwIw\n"
  "IDEeMBwGA1UEAwwVUGx1Z2JvYXJkIHRlc3Qgc2VydmVyMCAXDTAwMDEwMTAwMDAw\n"
  "MFoYDzI5OTkxMjMxMDAwMDAwWjAgMR4wHAYDVQQDDBVQbHVnYm9hcmQgdGVzdCBz\n"
  "ZXJ2ZXIwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAASqCI0ywamkXFwqM2/Zi6ar\n"
  "3+ANLg7J3bfX/OuPriBYGbWI/5hChd7kJ5gSpO+5a7ZesbHgw+LAk9By0g/T8udj\n"
  "oy8wLTAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwDwYDVR0TAQH/BAUwAwEB\n"
  "/zAKBggqhkjOPQQDAgNHADBEAiBw0ieWNr//+khEyYMMdwkpquCaAqoXt8Nxh0kN\n"
  "5kpmVAIgApKVhDNNEmq/+LA6OYurol9qTp3DhaPiL+cmnx/0tRA=\n"
  "-----END CERTIFICATE-----\n";

static const char test_key_pem[] =
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgEy6R7fzzeZuclriO\n"
  "SK3MxSxG5NvD6JgyafviQsHbbPWhRANCAASqCI0ywamkXFwqM2/Zi6ar3+ANLg7J\n"
  "3bfX/OuPriBYGbWI/5hChd7kJ5gSpO+5a7ZesbHgw+LAk9By0g/T8udj\n"
  "-----END PRIVATE KEY-----\n";

/* {{{ Main loop helpers */

static gboolean
wait_limit_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until *flag is TRUE; fails the test when that takes unreasonably long. */
static void
wait_for (gboolean *flag)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (WAIT_LIMIT, wait_limit_cb, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (id);
}

/* Lets pending callbacks run (never needed for correctness of an assertion that passes). */
static void
spin (guint milliseconds)
{
  gboolean done = FALSE;
  guint id = g_timeout_add (milliseconds, wait_limit_cb, &done);

  while (!done)
    g_main_context_iteration (NULL, TRUE);
  (void) id;
}

/* Drops the last reference to `object` and checks that it is freed once pending callbacks
 * (cancelled requests ahead of the end of a list) have run. */
static void
assert_finalized (gpointer object)
{
  gpointer weak = object;
  gboolean timed_out = FALSE;
  guint id;

  g_object_add_weak_pointer (G_OBJECT (object), &weak);
  g_object_unref (object);

  id = g_timeout_add_seconds (WAIT_LIMIT, wait_limit_cb, &timed_out);
  while (weak != NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_null (weak);
  g_source_remove (id);
}

/* }}} */
/* {{{ The hostile server */

typedef enum
{
  BEHAVIOUR_PAGED,          /* honours limit and offset */
  BEHAVIOUR_IGNORE_PAGING,  /* every item, every time */
  BEHAVIOUR_REPEAT,         /* the first page, whatever the offset */
  BEHAVIOUR_HOLD_BATCHES,   /* paged; from page 2 on, answers only once 4 requests wait */
  BEHAVIOUR_HOLD,           /* paged; from page 2 on, never answers (until the end) */
  BEHAVIOUR_STATUS,         /* answers status/content_type/body/retry_after */
  BEHAVIOUR_STALL_HEADERS,  /* never answers */
  BEHAVIOUR_STALL_BODY,     /* headers and part of the body, then nothing */
  BEHAVIOUR_TRUNCATED,      /* Content-Length larger than the body, then closes */
  BEHAVIOUR_CLOSE,          /* closes the connection without answering */
  BEHAVIOUR_HUGE_LENGTH,    /* announces 100 MiB and streams slowly */
  BEHAVIOUR_HUGE_CHUNKED,   /* streams chunks without end */
} Behaviour;

typedef struct
{
  char *method;
  char *path;
  char *query;
  char *authorization;
  char *accept;
  char *content_type;
  char *user_agent;
  char *body;
  guint offset;
  guint limit;
} Request;

typedef struct
{
  SoupServer *server;
  char       *base_url;
  guint       port;

  Behaviour   behaviour;
  guint       n_items;
  guint       ref_modulo;      /* refs repeat every ref_modulo items when not 0 */

  guint       status;
  char       *content_type;
  char       *body;
  char       *retry_after;

  char       *redirect_from;   /* path that answers a redirect */
  char       *location;
  guint       redirect_status;

  char       *accepted_token;  /* when set, any other bearer gets a 401 */

  GPtrArray  *requests;        /* Request */
  GPtrArray  *held;            /* SoupServerMessage */
  GPtrArray  *streams;         /* stolen connections kept open */
  guint       pages_delivered; /* set by the test's page_func */
  guint       max_ahead;       /* pages requested ahead of the last delivered one */
  guint       batch_timeout_id;
  gboolean    released_by_timeout;

  SoupServerMessage *streaming;
  guint       stream_source_id;
  guint64     written;
  gboolean    stream_finished;
} TestServer;

static void
request_free (Request *request)
{
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_free (request->authorization);
  g_free (request->accept);
  g_free (request->content_type);
  g_free (request->user_agent);
  g_free (request->body);
  g_free (request);
}

static char *
item_ref (TestServer *server,
          guint       index)
{
  if (server->ref_modulo != 0)
    index %= server->ref_modulo;
  return g_strdup_printf ("00000000-0000-4000-8000-%012u", index);
}

static void
append_item (GString    *out,
             const char *ref,
             guint       index)
{
  g_string_append_printf (out,
                          "{\"ref\":\"%s\",\"name\":\"Connection %u\","
                          "\"systemType\":\"DATA_SYSTEM\",\"archived\":false,"
                          "\"auth\":{\"authType\":\"NONE\"},"
                          "\"request\":{\"requestType\":\"GET\","
                          "\"connectionUrl\":\"https://example.com/%u\"}}",
                          ref, index, index);
}

static char *
page_json (TestServer *server,
           guint       offset,
           guint       limit)
{
  GString *out = g_string_new ("{\"href\":\"x\",\"items\":[");
  guint end = MIN ((guint64) offset + limit, server->n_items);

  for (guint i = offset; i < end; i++)
    {
      g_autofree char *ref = item_ref (server, i);

      if (i > offset)
        g_string_append_c (out, ',');
      append_item (out, ref, i);
    }
  g_string_append (out, "]}");

  return g_string_free (out, FALSE);
}

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              char              *json /* owned */)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, json,
                                    strlen (json));
}

static void
respond_page (TestServer        *server,
              SoupServerMessage *msg,
              guint              offset,
              guint              limit)
{
  respond_json (msg, SOUP_STATUS_OK, page_json (server, offset, limit));
}

static void
held_finished_cb (SoupServerMessage *msg,
                  TestServer        *server)
{
  g_ptr_array_remove (server->held, msg);
}

static void
hold (TestServer        *server,
      SoupServerMessage *msg)
{
  soup_server_message_pause (msg);
  g_ptr_array_add (server->held, g_object_ref (msg));
  g_signal_connect (msg, "finished", G_CALLBACK (held_finished_cb), server);
}

/* Answers every held request (with the page it asked for). */
static void
release_held (TestServer *server)
{
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < server->held->len; i++)
    g_ptr_array_add (held, g_object_ref (g_ptr_array_index (server->held, i)));
  for (guint i = 0; i < held->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (held, i);
      GUri *uri = soup_server_message_get_uri (msg);
      g_autoptr(GHashTable) query = NULL;
      guint offset = 0;

      if (g_uri_get_query (uri) != NULL)
        {
          query = soup_form_decode (g_uri_get_query (uri));
          offset = atoi (g_hash_table_lookup (query, "offset") ?: "0");
        }
      respond_page (server, msg, offset, 100);
      soup_server_message_unpause (msg);
    }
}

static gboolean
batch_timeout_cb (gpointer user_data)
{
  TestServer *server = user_data;

  server->batch_timeout_id = 0;
  server->released_by_timeout = TRUE;
  release_held (server);
  return G_SOURCE_REMOVE;
}

static void
stolen_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL);
  if (user_data != NULL)
    g_io_stream_close (G_IO_STREAM (user_data), NULL, NULL);
}

/* Writes raw bytes on the connection, bypassing SoupServer; closes it after when asked. */
static void
steal_and_write (TestServer        *server,
                 SoupServerMessage *msg,
                 const char        *raw,
                 gboolean           close_after)
{
  GIOStream *stream = soup_server_message_steal_connection (msg);

  g_ptr_array_add (server->streams, stream);
  if (raw == NULL)
    {
      g_io_stream_close (stream, NULL, NULL);
      return;
    }
  g_output_stream_write_all_async (g_io_stream_get_output_stream (stream), raw, strlen (raw),
                                   G_PRIORITY_DEFAULT, NULL, stolen_written_cb,
                                   close_after ? stream : NULL);
}

static gboolean
stream_tick_cb (gpointer user_data)
{
  TestServer *server = user_data;
  gsize size = server->behaviour == BEHAVIOUR_HUGE_CHUNKED ? 1024 * 1024 : 64 * 1024;
  char *chunk = g_malloc (size);

  server->stream_source_id = 0;
  memset (chunk, ' ', size);
  soup_message_body_append (soup_server_message_get_response_body (server->streaming),
                            SOUP_MEMORY_TAKE, chunk, size);
  server->written += size;
  soup_server_message_unpause (server->streaming);
  return G_SOURCE_REMOVE;
}

static void
stream_wrote_chunk_cb (SoupServerMessage *msg,
                       TestServer        *server)
{
  soup_server_message_pause (msg);
  if (server->behaviour == BEHAVIOUR_HUGE_CHUNKED)
    server->stream_source_id = g_idle_add (stream_tick_cb, server);
  else
    server->stream_source_id = g_timeout_add (10, stream_tick_cb, server);
}

static void
stream_finished_cb (SoupServerMessage *msg,
                    TestServer        *server)
{
  g_clear_handle_id (&server->stream_source_id, g_source_remove);
  server->stream_finished = TRUE;
  g_clear_object (&server->streaming);
}

static void
start_streaming (TestServer        *server,
                 SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "application/json", NULL);
  if (server->behaviour == BEHAVIOUR_HUGE_CHUNKED)
    soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  else
    soup_message_headers_set_content_length (headers, 100 * 1024 * 1024);

  server->streaming = g_object_ref (msg);
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (stream_wrote_chunk_cb), server);
  g_signal_connect (msg, "finished", G_CALLBACK (stream_finished_cb), server);
  soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_STATIC,
                            "{\"items\":[", 10);
}

static void
server_handler (SoupServer        *soup_server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  TestServer *server = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  Request *request = g_new0 (Request, 1);
  gboolean is_list;
  guint index;

  request->method = g_strdup (soup_server_message_get_method (msg));
  request->path = g_strdup (g_uri_get_path (uri));
  request->query = g_strdup (g_uri_get_query (uri));
  request->authorization = g_strdup (soup_message_headers_get_one (headers, "Authorization"));
  request->accept = g_strdup (soup_message_headers_get_one (headers, "Accept"));
  request->content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  request->user_agent = g_strdup (soup_message_headers_get_one (headers, "User-Agent"));
  if (body->length > 0)
    request->body = g_strndup (body->data, body->length);
  if (query != NULL)
    {
      request->offset = atoi (g_hash_table_lookup (query, "offset") ?: "0");
      request->limit = atoi (g_hash_table_lookup (query, "limit") ?: "0");
    }
  g_ptr_array_add (server->requests, request);

  if (server->accepted_token != NULL)
    {
      g_autofree char *expected = g_strconcat ("Bearer ", server->accepted_token, NULL);

      if (g_strcmp0 (request->authorization, expected) != 0)
        {
          respond_json (msg, SOUP_STATUS_UNAUTHORIZED,
                        g_strdup ("{\"status\":401,\"code\":401,"
                                  "\"message\":\"The access token has expired.\"}"));
          return;
        }
    }

  if (server->redirect_from != NULL && strcmp (request->path, server->redirect_from) == 0)
    {
      /* The Location as it is, even when it is not a valid address. */
      soup_server_message_set_status (msg, server->redirect_status, NULL);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Location", server->location);
      return;
    }

  switch (server->behaviour)
    {
    case BEHAVIOUR_STATUS:
      soup_server_message_set_status (msg, server->status, NULL);
      if (server->retry_after != NULL)
        soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                      "Retry-After", server->retry_after);
      if (server->body != NULL)
        soup_server_message_set_response (msg, server->content_type, SOUP_MEMORY_COPY,
                                          server->body, strlen (server->body));
      return;

    case BEHAVIOUR_STALL_HEADERS:
      hold (server, msg);
      return;

    case BEHAVIOUR_STALL_BODY:
      steal_and_write (server, msg,
                       "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                       "Content-Length: 1000\r\n\r\n{\"items\":[", FALSE);
      return;

    case BEHAVIOUR_TRUNCATED:
      steal_and_write (server, msg,
                       "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                       "Content-Length: 1000\r\n\r\n{\"items\":[", TRUE);
      return;

    case BEHAVIOUR_CLOSE:
      steal_and_write (server, msg, NULL, TRUE);
      return;

    case BEHAVIOUR_HUGE_LENGTH:
    case BEHAVIOUR_HUGE_CHUNKED:
      start_streaming (server, msg);
      return;

    case BEHAVIOUR_PAGED:
    case BEHAVIOUR_IGNORE_PAGING:
    case BEHAVIOUR_REPEAT:
    case BEHAVIOUR_HOLD_BATCHES:
    case BEHAVIOUR_HOLD:
    default:
      break;
    }

  if (strcmp (request->method, "POST") == 0
      && strcmp (request->path, "/v2/connections/testConnection") == 0)
    {
      respond_json (msg, SOUP_STATUS_OK,
                    g_strdup ("{ \"statusCode\": 202, \"executionTimeInMilliseconds\": 12,\n"
                              "  \"request\": {\"headers\": {\"X-Correlation-Id\": \"c-1\"}}}"));
      return;
    }

  is_list = g_str_has_suffix (request->path, "/v2/connections");
  if (!is_list)
    {
      /* One connection: the last path segment is its ref. */
      const char *ref = strrchr (request->path, '/') + 1;
      GString *out = g_string_new (NULL);

      append_item (out, ref, 0);
      respond_json (msg, SOUP_STATUS_OK, g_string_free (out, FALSE));
      return;
    }

  index = request->limit > 0 ? request->offset / request->limit : 0;
  server->max_ahead = MAX (server->max_ahead, index + 1 - MIN (index + 1,
                                                               server->pages_delivered));

  switch (server->behaviour)
    {
    case BEHAVIOUR_IGNORE_PAGING:
      respond_page (server, msg, 0, server->n_items);
      break;

    case BEHAVIOUR_REPEAT:
      respond_page (server, msg, 0, 100);
      break;

    case BEHAVIOUR_HOLD_BATCHES:
      if (index < 2)
        {
          respond_page (server, msg, request->offset, request->limit);
          break;
        }
      hold (server, msg);
      if (server->held->len == 4)
        {
          g_clear_handle_id (&server->batch_timeout_id, g_source_remove);
          release_held (server);
        }
      else if (server->batch_timeout_id == 0)
        {
          server->batch_timeout_id = g_timeout_add_seconds (20, batch_timeout_cb, server);
        }
      break;

    case BEHAVIOUR_HOLD:
      if (index < 2)
        respond_page (server, msg, request->offset, request->limit);
      else
        hold (server, msg);
      break;

    case BEHAVIOUR_PAGED:
    default:
      respond_page (server, msg, request->offset, request->limit);
      break;
    }
}

static TestServer *
test_server_new_full (gboolean tls)
{
  TestServer *server = g_new0 (TestServer, 1);
  g_autoptr(GError) error = NULL;
  SoupServerListenOptions options = SOUP_SERVER_LISTEN_IPV4_ONLY;
  GSList *uris;

  if (tls)
    {
      g_autofree char *pem = g_strconcat (test_certificate_pem, test_key_pem, NULL);
      g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_pem (pem, -1, &error);

      g_assert_no_error (error);
      server->server = soup_server_new ("tls-certificate", certificate, NULL);
      options |= SOUP_SERVER_LISTEN_HTTPS;
    }
  else
    {
      server->server = soup_server_new (NULL, NULL);
    }

  server->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) request_free);
  server->held = g_ptr_array_new_with_free_func (g_object_unref);
  server->streams = g_ptr_array_new_with_free_func (g_object_unref);
  server->behaviour = BEHAVIOUR_PAGED;
  server->redirect_status = SOUP_STATUS_TEMPORARY_REDIRECT;
  soup_server_add_handler (server->server, NULL, server_handler, server, NULL);

  soup_server_listen_local (server->server, 0, options, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server->server);
  g_assert_nonnull (uris);
  server->port = g_uri_get_port (uris->data);
  server->base_url = g_strdup_printf ("%s://127.0.0.1:%u", tls ? "https" : "http", server->port);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return server;
}

static TestServer *
test_server_new (void)
{
  return test_server_new_full (FALSE);
}

static void
test_server_free (TestServer *server)
{
  g_clear_handle_id (&server->batch_timeout_id, g_source_remove);
  g_clear_handle_id (&server->stream_source_id, g_source_remove);

  /* Answer what was held so that no paused message outlives the server. */
  while (server->held->len > 0)
    {
      SoupServerMessage *msg = g_object_ref (g_ptr_array_index (server->held, 0));

      g_signal_handlers_disconnect_by_data (msg, server);
      g_ptr_array_remove_index (server->held, 0);
      soup_server_message_set_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
      soup_server_message_unpause (msg);
      g_object_unref (msg);
    }
  if (server->streaming != NULL)
    {
      g_signal_handlers_disconnect_by_data (server->streaming, server);
      soup_message_body_complete (soup_server_message_get_response_body (server->streaming));
      soup_server_message_unpause (server->streaming);
      g_clear_object (&server->streaming);
    }
  for (guint i = 0; i < server->streams->len; i++)
    g_io_stream_close (g_ptr_array_index (server->streams, i), NULL, NULL);
  spin (50);

  soup_server_disconnect (server->server);
  g_clear_object (&server->server);
  g_ptr_array_unref (server->requests);
  g_ptr_array_unref (server->held);
  g_ptr_array_unref (server->streams);
  g_free (server->base_url);
  g_free (server->content_type);
  g_free (server->body);
  g_free (server->retry_after);
  g_free (server->redirect_from);
  g_free (server->location);
  g_free (server->accepted_token);
  g_free (server);
}

static Request *
server_request (TestServer *server,
                guint       index)
{
  g_assert_cmpuint (index, <, server->requests->len);
  return g_ptr_array_index (server->requests, index);
}

/* }}} */
/* {{{ Calls and their results */

typedef struct
{
  gboolean      done;
  GError       *error;
  GPtrArray    *list;
  PbConnection *connection;
  char         *report;

  TestServer   *server;       /* told about delivered pages */
  GPtrArray    *pages;        /* copies of the arrays given to page_func */
  gboolean      finished_seen;
  GCancellable *cancel_after_page; /* cancelled in page_func once pages->len reaches… */
  guint         cancel_at;
} Result;

static void
result_clear (Result *result)
{
  g_clear_error (&result->error);
  g_clear_pointer (&result->list, g_ptr_array_unref);
  g_clear_object (&result->connection);
  g_clear_pointer (&result->report, g_free);
  g_clear_pointer (&result->pages, g_ptr_array_unref);
  g_clear_object (&result->cancel_after_page);
  result->cancel_at = 0;
  result->done = FALSE;
}

static void
page_cb (GPtrArray *connections,
         gpointer   user_data)
{
  Result *result = user_data;

  /* Never after the end. */
  g_assert_false (result->done);
  g_assert_nonnull (connections);
  g_assert_cmpuint (connections->len, >, 0);

  g_ptr_array_add (result->pages, g_ptr_array_ref (connections));
  if (result->server != NULL)
    result->server->pages_delivered++;

  if (result->cancel_after_page != NULL && result->pages->len == result->cancel_at)
    g_cancellable_cancel (result->cancel_after_page);
}

static void
list_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  Result *result = user_data;

  g_assert_false (result->done);
  result->list = pb_client_list_connections_finish (PB_CLIENT (object), res, &result->error);
  g_assert_true ((result->list == NULL) != (result->error == NULL));
  result->done = TRUE;
}

static void
get_cb (GObject      *object,
        GAsyncResult *res,
        gpointer      user_data)
{
  Result *result = user_data;

  g_assert_false (result->done);
  result->connection = pb_client_get_connection_finish (PB_CLIENT (object), res,
                                                        &result->error);
  g_assert_true ((result->connection == NULL) != (result->error == NULL));
  result->done = TRUE;
}

static void
test_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  Result *result = user_data;

  g_assert_false (result->done);
  result->report = pb_client_test_connection_finish (PB_CLIENT (object), res, &result->error);
  g_assert_true ((result->report == NULL) != (result->error == NULL));
  result->done = TRUE;
}

static void
list_sync (PbClient     *client,
           Result       *result,
           GCancellable *cancellable)
{
  result->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  pb_client_list_connections_async (client, page_cb, result, NULL, cancellable, list_cb, result);
  wait_for (&result->done);
}

static void
get_sync (PbClient   *client,
          const char *ref,
          Result     *result)
{
  pb_client_get_connection_async (client, ref, NULL, get_cb, result);
  wait_for (&result->done);
}

static PbClient *
client_for (TestServer *server)
{
  PbClient *client = pb_client_new (server->base_url);

  pb_client_set_access_token (client, TOKEN);
  return client;
}

/* The refs of a list, in order, must be those of items first..first+n-1. */
static void
assert_refs (TestServer *server,
             GPtrArray  *connections,
             guint       first,
             guint       n)
{
  g_assert_cmpuint (connections->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *ref = item_ref (server, first + i);

      g_assert_cmpstr (pb_connection_get_ref (g_ptr_array_index (connections, i)), ==, ref);
    }
}

/* What a person reads must never show the token or raw markup. */
static void
assert_clean_message (const GError *error)
{
  g_assert_nonnull (error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_null (strstr (error->message, TOKEN));
  g_assert_null (strchr (error->message, '<'));
  g_assert_null (strchr (error->message, '\n'));
  g_assert_cmpuint (strlen (error->message), >, 10);
}

/* }}} */
/* {{{ Error bodies */

static void
test_parse_error_message (void)
{
  static const struct {
    const char *body;
    const char *message;
  } cases[] = {
    { "{\"status\":400,\"code\":1234,\"message\":\"Connection name already exists.\","
      "\"developerMessage\":\"dup\",\"moreInfo\":\"https://example.com\"}",
      "Connection name already exists." },
    { "{\"message\":\"Only a message\"}", "Only a message" },
    { "{\"status\":404,\"moreInfoUrl\":\"https://example.com\",\"message\":\"Not here\"}",
      "Not here" },
    { "{\"message\":\"  Two\\nlines\\r\\n\\tand  spaces \"}", "Two lines and spaces" },
    { "{\"message\":\"caf\\u00e9 \\u65e5\\u672c\"}", "café 日本" },
    { "{\"status\":500}", NULL },
    { "{\"message\":\"\"}", NULL },
    { "{\"message\":\" \\n \"}", NULL },
    { "{\"message\":42}", NULL },
    { "{\"message\":null}", NULL },
    { "{\"message\":{\"text\":\"nested\"}}", NULL },
    { "[\"message\"]", NULL },
    { "\"message\"", NULL },
    { "<html><body>Bad Gateway</body></html>", NULL },
    { "{\"message\":\"cut", NULL },
    { "", NULL },
    { "{\"message\":\"bad \xff\xfe utf8\"}", NULL },
    { "\xef\xbb\xbf{\"message\":\"After a byte order mark\"}", "After a byte order mark" },
    { "{\"message\":\"pair \\ud83d\\ude00 ok\"}", "pair 😀 ok" },
    { "{\"message\":\"lone \\ud83d here\"}", NULL },
    { "{\"message\":\"lone \\ude00 here\"}", NULL },
    { "{\"message\":\"nul\\u0000inside\"}", "nul inside" },
    { "{\"message\":\"esc \\\"q\\\" \\\\ \\/ \\u00e9\"}", "esc \"q\" \\ / é" },
    { "{\"message\":\"raw\ttab\"}", NULL },
    { "{\"message\":\"bad \\x escape\"}", NULL },
    { "{\"message\":\"first\",\"message\":\"last\"}", "last" },
    { "{\"message\":\"first\",\"message\":7}", NULL },
    { "{\"nested\":{\"message\":\"deep\"}}", NULL },
    { "{\"status\":-0.5e+3,\"code\":1E2,\"x\":[true,false,null],\"message\":\"m\"}", "m" },
    { "{\"status\":01,\"message\":\"m\"}", NULL },
    { "{\"status\":1.,\"message\":\"m\"}", NULL },
    { "{\"message\":\"m\",}", NULL },
    { "{\"message\":\"m\"} trailing", NULL },
    { "  {\"message\" : \"spaced\" }  \n", "spaced" },
    { "{\"message\":\"m\"", NULL },
    { "{'message':'single quotes'}", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = pb_client_parse_error_message (cases[i].body,
                                                                strlen (cases[i].body));

      g_test_message ("case %u", i);
      g_assert_cmpstr (message, ==, cases[i].message);
    }

  g_assert_null (pb_client_parse_error_message (NULL, 0));
}

static void
test_parse_error_message_deep (void)
{
  g_autoptr(GString) deep = g_string_new ("{\"message\":\"ok\",\"x\":");
  g_autoptr(GString) too_deep = g_string_new ("{\"message\":\"no\",\"x\":");
  g_autofree char *message = NULL;

  /* 511 arrays inside the object: 512 levels in all, the most that is read. */
  for (guint i = 0; i < 511; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 511; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  message = pb_client_parse_error_message (deep->str, deep->len);
  g_assert_cmpstr (message, ==, "ok");

  /* Far deeper: refused, without running out of stack. */
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (too_deep, '[');
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (too_deep, ']');
  g_string_append_c (too_deep, '}');
  g_assert_null (pb_client_parse_error_message (too_deep->str, too_deep->len));
}

/* Whatever the bytes, the answer is NULL or one clean line. */
static void
test_parse_error_message_random (void)
{
  static const char *pieces[] = {
    "{", "}", "[", "]", "\"", ":", ",", "\"message\"", "\"status\"", "400", "null", "true",
    "\\n", "\\u0000", "\\ud800", "\xff", "\xc3\xa9", "\n", "\t", " ", "text", "\x01",
  };

  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr(GString) body = g_string_new (round % 2 ? "{\"message\":\"" : "");
      g_autofree char *message = NULL;
      guint n = g_test_rand_int_range (0, 40);

      for (guint i = 0; i < n; i++)
        g_string_append (body, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
      if (round % 4 == 1)
        g_string_append (body, "\"}");

      message = pb_client_parse_error_message (body->str, body->len);
      if (message != NULL)
        {
          g_assert_true (g_utf8_validate (message, -1, NULL));
          g_assert_cmpuint (g_utf8_strlen (message, -1), <=, 500);
          g_assert_cmpuint (strlen (message), >, 0);
          g_assert_null (strpbrk (message, "\n\r\t"));
          g_assert_false (g_ascii_isspace (message[0]));
        }
    }
}

/* An error body is JSON, not a request template, and its length is what counts. */
static void
test_parse_error_message_strict (void)
{
  static const char with_nul[] = "{\"message\":\"m\"}\0";
  static const char nul_inside[] = "{\"message\":\"a\0b\"}";
  g_autofree char *placeholder = NULL;
  g_autofree char *nul_after = NULL;
  g_autofree char *nul_in = NULL;
  g_autofree char *prefix = NULL;
  const char *template = "{\"message\":\"m\",\"x\":${y}}";

  placeholder = pb_client_parse_error_message (template, strlen (template));
  g_assert_null (placeholder);

  nul_after = pb_client_parse_error_message (with_nul, sizeof with_nul - 1);
  g_assert_null (nul_after);
  nul_in = pb_client_parse_error_message (nul_inside, sizeof nul_inside - 1);
  g_assert_null (nul_in);

  /* Only the first `length` bytes are read. */
  prefix = pb_client_parse_error_message ("{\"message\":\"m\"} and more", 15);
  g_assert_cmpstr (prefix, ==, "m");
}

static void
test_parse_error_message_long (void)
{
  g_autoptr(GString) body = g_string_new ("{\"message\":\"");
  g_autofree char *message = NULL;

  for (guint i = 0; i < 3000; i++)
    g_string_append (body, i % 7 == 0 ? "é" : "x");
  g_string_append (body, "\"}");

  message = pb_client_parse_error_message (body->str, body->len);
  g_assert_nonnull (message);
  g_assert_true (g_utf8_validate (message, -1, NULL));
  g_assert_cmpint (g_utf8_strlen (message, -1), ==, 500);
  g_assert_true (g_str_has_suffix (message, "…"));
}

/* }}} */
/* {{{ Lists */

static void
test_list_pages (void)
{
  TestServer *server = test_server_new ();
  PbClient *client = client_for (server);
  Result result = { 0 };
  g_autoptr(GHashTable) offsets = g_hash_table_new (NULL, NULL);

  server->n_items = 250;
  result.server = server;
  list_sync (client, &result, NULL);

  g_assert_no_error (result.error);
  assert_refs (server, result.list, 0, 250);

  /* page_func saw 100, 100 and 50, in order. */
  g_assert_cmpuint (result.pages->len, ==, 3);
  assert_refs (server, g_ptr_array_index (result.pages, 0), 0, 100);
  assert_refs (server, g_ptr_array_index (result.pages, 1), 100, 100);
  assert_refs (server, g_ptr_array_index (result.pages, 2), 200, 50);

  /* The first three requests asked for the three pages; requests ahead of the end asked for
   * later pages, each once. */
  g_assert_cmpuint (server->requests->len, >=, 3);
  for (guint i = 0; i < server->requests->len; i++)
    {
      Request *request = server_request (server, i);

      g_assert_cmpstr (request->method, ==, "GET");
      g_assert_cmpstr (request->path, ==, "/v2/connections");
      g_assert_cmpuint (request->limit, ==, 100);
      g_assert_cmpuint (request->offset % 100, ==, 0);
      if (i < 3)
        g_assert_cmpuint (request->offset, ==, i * 100);
      g_assert_false (g_hash_table_contains (offsets, GUINT_TO_POINTER (request->offset)));
      g_hash_table_add (offsets, GUINT_TO_POINTER (request->offset));
    }

  result_clear (&result);
  assert_finalized (client);
  test_server_free (server);
}

static void
test_list_exact_pages (void)
{
  TestServer *server = test_server_new ();
  PbClient *client = client_for (server);
  Result result = { 0 };

  /* Two full pages, then an empty one. */
  server->n_items = 200;
  list_sync (client, &result, NULL);
  g_assert_no_error (result.error);
  assert_refs (server, result.list, 0, 200);
  g_assert_cmpuint (result.pages->len, ==, 2);
  result_clear (&result);

  /* Nothing at all. */
  server->n_items = 0;
  list_sync (client, &result, NULL);
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.list->len, ==, 0);
  g_assert_cmpuint (result.pages->len, ==, 0);
  result_clear (&result);

  assert_finalized (client);
  test_server_free (server);
}

static void
test_list_ignores_paging (void)
{
  TestServer *server = test_server_new ();
  PbClient *client = client_for (server);
  Result result = { 0 };

  server->behaviour = BEHAVIOUR_IGNORE_PAGING;
  server->n_items = 250;
  list_sync (client, &result, NULL);

  g_assert_no_error (result.error);
  assert_refs (server, result.list, 0, 250);
  g_assert_cmpuint (result.pages->len, ==, 1);
  /* The second page showed that the server does not page: nothing more was asked. */
  g_assert_cmpuint (server->requests->len, ==, 2);

  result_clear (&result);
  assert_finalized (client);
  test_server_free (server);
}

static void
test_list_repeating_page (void)
{
  TestServer *server = test_server_new ();
  PbClient *client = client_for (server);
  Result result = { 0 };

  server->behaviour = BEHAVIOUR_REPEAT;
  server->n_items = 100000;
  list_sync (client, &result, NULL);

  g_assert_no_error (result.error);
  assert_refs (server, result.list, 0, 100);
  g_assert_cmpuint (result.pages->len, ==, 1);
  g_assert_cmpuint (server->requests->len, ==, 2);

  result_clear (&result);
  assert_finalized (client);
  test_server_free (server);
}

static void
test_list_duplicates (void)
{
  TestServer *server = test_server_new ();
  PbClient *client = client_for (server);
  Result result = { 0 };
  guint total = 0;

  /* 150 items but only 120 different refs: items 120–149 repeat the refs of 0–29. */
  server->n_items = 150;
  server->ref_modulo = 120;
  list_sync (client, &result, NULL);

  g_assert_no_error (result.error);
  assert_refs (server, result.list, 0, 120);
  for (guint i = 0; i < result.list->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("Connection %u", i);

      g_assert_cmpstr (pb_connection_get_name (g_ptr_array_index (result.list, i)), ==, name);
    }

  /* page_func only got what was new. */
  for (guint i = 0; i < result.pages->len; i++)
    total += ((GPtrArray *) g_ptr_array_index (result.pages, i))->len;
  g_assert_cmpuint (total, ==, 120);

  result_clear (&result);
  assert_finalized (client);
  test_server_free (server);
}

static void
test_list_endless (void)
{
  TestServer *server = test_server_new ();
  PbClient *client = client_for (server);
  Result result = { 0 };

  /* Every page full of new connections, without end: the list gives up at the limit. */
  server->n_items = G_MAXUINT;
  _pb_client_set_max_pages (client, 7);
  result.server = server;
  list_sync (client, &result, NULL);

  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
  assert_clean_message (result.error);
  g_assert_cmpuint (result.pages->len, ==, 7);
  for (guint i = 0; i < server->requests->len; i++)
    g_assert_cmpuint (server_request (server, i)->offset, <, 700);

  result_clear (&result);
  assert_finalized (client);
  test_server_free (server);
}

static void
count_destroy (gpointer data)
{
  guint *count = data;

  (*count)++;
}

static void
test_list_without_page_func (void)
{
  TestServer *server = test_server_new ();
  PbClient *client = client_for (server);
  Result result = { 0 };
  guint destroyed = 0;

  server->n_items = 450;
  pb_client_list_connections_async (client, NULL, &destroyed, count_destroy, NULL, list_cb,
                                    &result);
  wait_for (&result.done);
  g_assert_no_error (result.error);
  assert_refs (server, result.list, 0, 450);
  result_clear (&result);

  /* The page data is let go of exactly once, when the list is over. */
  assert_finalized (client);
  g_assert_cmpuint (destroyed, ==, 1);
  test_server_free (server);
}

static void
test_list_concurrency (void)
{
  TestServer *server = test_server_new ();
  PbClient *client = client_for (server);
  Result result = { 0 };

  /* Pages 0 and 1 one by one, then from page 2 on the server answers only when four requests
   * wait at once: the list only ends when the client keeps four pages in flight. */
  server->behaviour = BEHAVIOUR_HOLD_BATCHES;
  server->n_items = 1050;
  result.server = server;
  list_sync (client, &result, NULL);

  g_assert_no_error (result.error);
  g_assert_false (server->released_by_timeout);
  assert_refs (server, result.list, 0, 1050);

  /* Delivered in order, 100 at a time, then 50. */
  g_assert_cmpuint (result.pages->len, ==, 11);
  for (guint i = 0; i < result.pages->len; i++)
    assert_refs (server, g_ptr_array_index (result.pages, i), i * 100, i < 10 ? 100 : 50);

  /* Never more than four pages asked for ahead of the ones delivered. */
  g_assert_cmpuint (server->max_ahead, ==, 4);

  /* Pages 0 and 1 came one after the other. */
  g_assert_cmpuint (server_request (server, 0)->offset, ==, 0);
  g_assert_cmpuint (server_request (server, 1)->offset, ==, 100);

  result_clear (&result);
  assert_finalized (client);
  test_server_free (server);
}

static void
test_list_cancel (void)
{
  TestServer *server = test_server_new ();
  PbClient *client = client_for (server);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Result result = { 0 };

  /* Pages 0 and 1 come, then the server keeps the next requests waiting. */
  server->behaviour = BEHAVIOUR_HOLD;
  server->n_items = 1000;
  result.server = server;
  result.pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  pb_client_list_connections_async (client, page_cb, &result, NULL, cancellable, list_cb,
                                    &result);

  while (server->held->len < 4)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (result.pages->len, ==, 2);
  g_assert_false (result.done);

  g_cancellable_cancel (cancellable);
  wait_for (&result.done);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Answering now changes nothing: no page arrives after the end. */
  release_held (server);
  spin (200);
  g_assert_cmpuint (result.pages->len, ==, 2);

  result_clear (&result);
  assert_finalized (client);
  test_server_free (server);
}

static void
test_list_cancel_in_page_func (void)
{
  TestServer *server = test_server_new ();
  PbClient *client = client_for (server);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Result result = { 0 };

  server->n_items = 1000;
  result.cancel_after_page = g_object_ref (cancellable);
  result.cancel_at = 3;
  list_sync (client, &result, cancellable);

  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  spin (200);
  g_assert_cmpuint (result.pages->len, ==, 3);

  result_clear (&result);

  /* Already cancelled: nothing is sent. */
  g_ptr_array_set_size (server->requests, 0);
  list_sync (client, &result, cancellable);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (result.pages->len, ==, 0);
  spin (100);
  g_assert_cmpuint (server->requests->len, ==, 0);
  result_clear (&result);

  assert_finalized (client);
  test_server_free (server);
}

static void
test_list_dispose (void)
{
  TestServer *server = test_server_new ();
  PbClient *client = client_for (server);
  Result result = { 0 };

  server->behaviour = BEHAVIOUR_HOLD;
  server->n_items = 1000;
  result.pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  pb_client_list_connections_async (client, page_cb, &result, NULL, NULL, list_cb, &result);
  while (server->held->len < 4)
    g_main_context_iteration (NULL, TRUE);

  /* Whoever owns the client drops it: its work stops. */
  g_object_run_dispose (G_OBJECT (client));
  wait_for (&result.done);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (result.pages->len, ==, 2);

  result_clear (&result);
  assert_finalized (client);
  test_server_free (server);
}

static void
test_list_bad_page (void)
{
  TestServer *server = test_server_new ();
  PbClient *client = client_for (server);
  Result result = { 0 };

  server->behaviour = BEHAVIOUR_STATUS;
  server->status = 200;
  server->content_type = g_strdup ("application/json");
  server->body = g_strdup ("[1, 2, 3]");
  list_sync (client, &result, NULL);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
  g_assert_cmpuint (pb_client_error_get_status (result.error), ==, 200);
  assert_clean_message (result.error);
  result_clear (&result);

  /* A wrong Content-Type does not matter when the body is the JSON expected. */
  g_free (server->content_type);
  server->content_type = g_strdup ("text/plain");
  g_free (server->body);
  server->body = g_strdup ("{\"items\":[{\"ref\":\"r-1\",\"name\":\"One\"}]}");
  list_sync (client, &result, NULL);
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.list->len, ==, 1);
  g_assert_cmpstr (pb_connection_get_ref (g_ptr_array_index (result.list, 0)), ==, "r-1");
  result_clear (&result);

  assert_finalized (client);
  test_server_free (server);
}

static void
test_base_url (void)
{
  static const char *suffixes[] = { "/api", "/api/", "/api//" };
  TestServer *server = test_server_new ();

  server->n_items = 3;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *base = g_strconcat (server->base_url, suffixes[i], NULL);
      PbClient *client = pb_client_new (base);
      Result result = { 0 };

      g_assert_cmpstr (pb_client_get_base_url (client), ==, base);
      g_ptr_array_set_size (server->requests, 0);
      list_sync (client, &result, NULL);
      g_assert_no_error (result.error);
      g_assert_cmpuint (result.list->len, ==, 3);
      g_assert_cmpstr (server_request (server, 0)->path, ==,
                       i < 2 ? "/api/v2/connections" : "/api//v2/connections");
      result_clear (&result);
      assert_finalized (client);
    }

  /* Without a path at all, with and without the slash. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *base = g_strconcat (server->base_url, i ? "/" : "", NULL);
      PbClient *client = pb_client_new (base);
      Result result = { 0 };

      g_ptr_array_set_size (server->requests, 0);
      list_sync (client, &result, NULL);
      g_assert_no_error (result.error);
      g_assert_cmpstr (server_request (server, 0)->path, ==, "/v2/connections");
      result_clear (&result);
      assert_finalized (client);
    }

  test_server_free (server);
}

static void
test_base_url_invalid (void)
{
  static const char *bases[] = { "", "not a url", "ftp://example.com", "https://", "/v2" };

  for (guint i = 0; i < G_N_ELEMENTS (bases); i++)
    {
      PbClient *client = pb_client_new (bases[i]);
      Result result = { 0 };

      list_sync (client, &result, NULL);
      g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NETWORK);
      assert_clean_message (result.error);
      result_clear (&result);

      get_sync (client, "abc", &result);
      g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NETWORK);
      result_clear (&result);
      assert_finalized (client);
    }
}

/* }}} */
/* {{{ Requests */

static void
test_headers (void)
{
  TestServer *server = test_server_new ();
  PbClient *client = client_for (server);
  Result result = { 0 };
  Request *request;

  server->n_items = 1;
  list_sync (client, &result, NULL);
  g_assert_no_error (result.error);
  request = server_request (server, 0);
  g_assert_cmpstr (request->authorization, ==, "Bearer " TOKEN);
  g_assert_cmpstr (request->accept, ==, "application/json");
  g_assert_cmpstr (request->user_agent, ==, "Plugboard/" PACKAGE_VERSION);
  g_assert_null (request->body);
  result_clear (&result);

  /* No token: no Authorization at all. */
  pb_client_set_access_token (client, NULL);
  g_ptr_array_set_size (server->requests, 0);
  list_sync (client, &result, NULL);
  g_assert_no_error (result.error);
  g_assert_null (server_request (server, 0)->authorization);
  g_assert_cmpstr (server_request (server, 0)->accept, ==, "application/json");
  result_clear (&result);

  /* A token pasted with spaces around it. */
  pb_client_set_access_token (client, "  " TOKEN "\n");
  g_ptr_array_set_size (server->requests, 0);
  list_sync (client, &result, NULL);
  g_assert_no_error (result.error);
  g_assert_cmpstr (server_request (server, 0)->authorization, ==, "Bearer " TOKEN);
  result_clear (&result);

  /* A token that cannot go in a header is refused before anything is sent. */
  pb_client_set_access_token (client, "abc\r\nX-Evil: 1");
  g_ptr_array_set_size (server->requests, 0);
  list_sync (client, &result, NULL);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_null (strstr (result.error->message, "Evil"));
  g_assert_cmpuint (server->requests->len, ==, 0);
  result_clear (&result);

  assert_finalized (client);
  test_server_free (server);
}

static void
test_get_connection (void)
{
  TestServer *server = test_server_new ();
  PbClient *client = client_for (server);
  Result result = { 0 };

  get_sync (client, "47c20b31-b5d8-492f-94e5-064958716c21", &result);
  g_assert_no_error (result.error);
  g_assert_cmpstr (pb_connection_get_ref (result.connection), ==,
                   "47c20b31-b5d8-492f-94e5-064958716c21");
  g_assert_cmpstr (server_request (server, 0)->method, ==, "GET");
  g_assert_cmpstr (server_request (server, 0)->path, ==,
                   "/v2/connections/47c20b31-b5d8-492f-94e5-064958716c21");
  g_assert_cmpstr (server_request (server, 0)->authorization, ==, "Bearer " TOKEN);
  result_clear (&result);

  /* A ref is one path segment, whatever it holds (SoupServer hands over the path decoded). */
  get_sync (client, "a b?c#d&e", &result);
  g_assert_no_error (result.error);
  g_assert_cmpstr (pb_connection_get_ref (result.connection), ==, "a b?c#d&e");
  g_assert_cmpstr (server_request (server, 1)->path, ==, "/v2/connections/a b?c#d&e");
  g_assert_null (server_request (server, 1)->query);
  result_clear (&result);

  /* "..." is a name like any other. */
  get_sync (client, "...", &result);
  g_assert_no_error (result.error);
  g_assert_cmpstr (server_request (server, 2)->path, ==, "/v2/connections/...");
  result_clear (&result);

  /* No ref, or one that would mean "this" or "parent folder": nothing to ask for. */
  for (guint i = 0; i < 3; i++)
    {
      get_sync (client, (const char *[]) { "", ".", ".." }[i], &result);
      g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NOT_FOUND);
      assert_clean_message (result.error);
      result_clear (&result);
    }
  g_assert_cmpuint (server->requests->len, ==, 3);

  assert_finalized (client);
  test_server_free (server);
}

static void
test_get_cancel (void)
{
  TestServer *server = test_server_new ();
  PbClient *client = client_for (server);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Result result = { 0 };

  server->behaviour = BEHAVIOUR_STALL_HEADERS;
  pb_client_get_connection_async (client, "x", cancellable, get_cb, &result);
  while (server->held->len < 1)
    g_main_context_iteration (NULL, TRUE);

  g_cancellable_cancel (cancellable);
  wait_for (&result.done);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  result_clear (&result);

  assert_finalized (client);
  test_server_free (server);
}

static void
test_test_connection (void)
{
  static const char json[] =
    "{\"ref\":\"r-9\",\"name\":\"Weather\",\"undocumented\":{\"kept\":[1,2]},"
    "\"auth\":{\"authType\":\"NONE\"}}";
  TestServer *server = test_server_new ();
  PbClient *client = client_for (server);
  g_autoptr(PbConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_body = NULL;
  Result result = { 0 };
  Request *request;

  connection = pb_connection_new_from_data (json, -1, &error);
  g_assert_no_error (error);

  pb_client_test_connection_async (client, connection, NULL, test_cb, &result);
  wait_for (&result.done);
  g_assert_no_error (result.error);
  /* The report comes back as compact JSON text. */
  g_assert_cmpstr (result.report, ==,
                   "{\"statusCode\":202,\"executionTimeInMilliseconds\":12,"
                   "\"request\":{\"headers\":{\"X-Correlation-Id\":\"c-1\"}}}");

  request = server_request (server, 0);
  g_assert_cmpstr (request->method, ==, "POST");
  g_assert_cmpstr (request->path, ==, "/v2/connections/testConnection");
  g_assert_cmpstr (request->content_type, ==, "application/json");
  g_assert_cmpstr (request->accept, ==, "application/json");
  g_assert_cmpstr (request->authorization, ==, "Bearer " TOKEN);
  expected_body = g_strconcat ("{\"connection\":", pb_connection_get_json (connection), "}",
                               NULL);
  g_assert_cmpstr (request->body, ==, expected_body);
  g_assert_nonnull (strstr (request->body, "\"undocumented\":{\"kept\":[1,2]}"));
  result_clear (&result);

  /* White space inside strings stays; numbers stay as written. */
  server->behaviour = BEHAVIOUR_STATUS;
  server->status = 200;
  server->content_type = g_strdup ("application/json");
  server->body = g_strdup ("{ \"statusCode\" : 2.50E1 ,\n \"body\": \"a  b\\n\" , \"x\": [ ] }");
  pb_client_test_connection_async (client, connection, NULL, test_cb, &result);
  wait_for (&result.done);
  g_assert_no_error (result.error);
  g_assert_cmpstr (result.report, ==, "{\"statusCode\":2.50E1,\"body\":\"a  b\\n\",\"x\":[]}");
  result_clear (&result);

  /* A report that is not an object. */
  g_free (server->body);
  server->body = g_strdup ("[\"not\", \"an object\"]");
  pb_client_test_connection_async (client, connection, NULL, test_cb, &result);
  wait_for (&result.done);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
  result_clear (&result);

  /* The server refuses the connection. */
  server->status = 400;
  g_free (server->body);
  server->body = g_strdup ("{\"status\":400,\"code\":1234,"
                           "\"message\":\"Connection name already exists.\","
                           "\"developerMessage\":\"name must be unique\"}");
  pb_client_test_connection_async (client, connection, NULL, test_cb, &result);
  wait_for (&result.done);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_REJECTED);
  g_assert_cmpstr (result.error->message, ==,
                   "The server refused the request: Connection name already exists.");
  g_assert_cmpstr (pb_client_error_get_server_message (result.error), ==,
                   "Connection name already exists.");
  g_assert_cmpuint (pb_client_error_get_status (result.error), ==, 400);
  result_clear (&result);

  assert_finalized (client);
  test_server_free (server);
}

/* }}} */
/* {{{ Status errors */

typedef struct
{
  guint          status;
  const char    *content_type;
  const char    *body;
  const char    *retry_after;
  PbClientError  code;
  const char    *server_message;
  gint64         retry;
} StatusCase;

static const char api_error_401[] =
  "{\"status\":401,\"code\":401,\"message\":\"The access token has expired.\"}";
static const char api_error_403[] =
  "{\"status\":403,\"code\":403,\"message\":\"Missing scope personalize.connections\"}";
static const char api_error_404[] =
  "{\"status\":404,\"code\":404,\"message\":\"Connection not found\","
  "\"moreInfoUrl\":\"https://doc.sitecore.com\"}";
static const char api_error_429[] =
  "{\"status\":429,\"message\":\"Rate limit exceeded\"}";
static const char api_error_500[] =
  "{\"status\":500,\"code\":5000,\"message\":\"Internal error, reference 77\","
  "\"developerMessage\":\"NullPointerException at line 12\"}";
static const char api_error_echo[] =
  "{\"status\":401,\"message\":\"Token " TOKEN " is not valid\"}";
static const char html_body[] =
  "<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head>"
  "<body><h1>Service Unavailable</h1></body></html>";

static const StatusCase status_cases[] = {
  { 401, "application/json", api_error_401, NULL, PB_CLIENT_ERROR_UNAUTHORIZED,
    "The access token has expired.", -1 },
  { 401, NULL, NULL, NULL, PB_CLIENT_ERROR_UNAUTHORIZED, NULL, -1 },
  { 401, "application/json", api_error_echo, NULL, PB_CLIENT_ERROR_UNAUTHORIZED,
    "Token … is not valid", -1 },
  { 403, "application/json", api_error_403, NULL, PB_CLIENT_ERROR_FORBIDDEN,
    "Missing scope personalize.connections", -1 },
  { 403, "text/html", html_body, NULL, PB_CLIENT_ERROR_FORBIDDEN, NULL, -1 },
  { 404, "application/json", api_error_404, NULL, PB_CLIENT_ERROR_NOT_FOUND,
    "Connection not found", -1 },
  { 404, "text/html", html_body, NULL, PB_CLIENT_ERROR_NOT_FOUND, NULL, -1 },
  { 429, "application/json", api_error_429, "7", PB_CLIENT_ERROR_RATE_LIMITED,
    "Rate limit exceeded", 7 },
  { 429, NULL, NULL, NULL, PB_CLIENT_ERROR_RATE_LIMITED, NULL, -1 },
  { 429, NULL, NULL, "soon", PB_CLIENT_ERROR_RATE_LIMITED, NULL, -1 },
  { 500, "application/json", api_error_500, NULL, PB_CLIENT_ERROR_SERVER,
    "Internal error, reference 77", -1 },
  { 500, NULL, NULL, NULL, PB_CLIENT_ERROR_SERVER, NULL, -1 },
  { 503, "text/html", html_body, "30", PB_CLIENT_ERROR_SERVER, NULL, 30 },
  { 503, "application/json", "{\"message\": \"Retry, the servers are clustered\"}", NULL,
    PB_CLIENT_ERROR_SERVER, "Retry, the servers are clustered", -1 },
  { 400, "application/json", "{\"status\":400,\"message\":\"name: required\"}", NULL,
    PB_CLIENT_ERROR_REJECTED, "name: required", -1 },
  { 409, NULL, NULL, NULL, PB_CLIENT_ERROR_REJECTED, NULL, -1 },
  { 415, "text/plain", "Unsupported Media Type", NULL, PB_CLIENT_ERROR_REJECTED, NULL, -1 },
  { 304, NULL, NULL, NULL, PB_CLIENT_ERROR_BAD_RESPONSE, NULL, -1 },
};

static void
check_status_case (const StatusCase *c,
                   const GError     *error)
{
  g_assert_error (error, PB_CLIENT_ERROR, (int) c->code);
  g_assert_cmpuint (pb_client_error_get_status (error), ==, c->status);
  g_assert_cmpint (pb_client_error_get_retry_after (error), ==, c->retry);
  g_assert_cmpstr (pb_client_error_get_server_message (error), ==, c->server_message);
  if (c->server_message != NULL)
    g_assert_nonnull (strstr (error->message, c->server_message));
  if (c->code == PB_CLIENT_ERROR_UNAUTHORIZED)
    g_assert_nonnull (strstr (error->message, "Preferences"));
  if (c->code == PB_CLIENT_ERROR_RATE_LIMITED && c->retry > 0)
    g_assert_nonnull (strstr (error->message, "7 seconds"));
  assert_clean_message (error);
}

static void
test_status_errors (void)
{
  TestServer *server = test_server_new ();
  PbClient *client = client_for (server);

  server->behaviour = BEHAVIOUR_STATUS;

  for (guint i = 0; i < G_N_ELEMENTS (status_cases); i++)
    {
      const StatusCase *c = &status_cases[i];
      Result result = { 0 };
      g_autoptr(GError) copy = NULL;

      g_test_message ("status case %u: %u", i, c->status);
      server->status = c->status;
      g_free (server->content_type);
      server->content_type = g_strdup (c->content_type);
      g_free (server->body);
      server->body = g_strdup (c->body);
      g_free (server->retry_after);
      server->retry_after = g_strdup (c->retry_after);

      list_sync (client, &result, NULL);
      check_status_case (c, result.error);
      g_assert_cmpuint (result.pages->len, ==, 0);

      /* The details survive a copy (what a UI that keeps the error does). */
      copy = g_error_copy (result.error);
      check_status_case (c, copy);
      result_clear (&result);

      get_sync (client, "some-ref", &result);
      check_status_case (c, result.error);
      result_clear (&result);
    }

  assert_finalized (client);
  test_server_free (server);
}

static void
test_retry_after_date (void)
{
  TestServer *server = test_server_new ();
  PbClient *client = client_for (server);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 3600);
  g_autoptr(GDateTime) earlier = g_date_time_add_seconds (now, -3600);
  Result result = { 0 };
  gint64 retry;

  server->behaviour = BEHAVIOUR_STATUS;
  server->status = 429;
  server->retry_after = soup_date_time_to_string (later, SOUP_DATE_HTTP);
  get_sync (client, "x", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_RATE_LIMITED);
  retry = pb_client_error_get_retry_after (result.error);
  g_assert_cmpint (retry, >, 3000);
  g_assert_cmpint (retry, <=, 3600);
  result_clear (&result);

  /* A date in the past: try again right away. */
  g_free (server->retry_after);
  server->retry_after = soup_date_time_to_string (earlier, SOUP_DATE_HTTP);
  get_sync (client, "x", &result);
  g_assert_cmpint (pb_client_error_get_retry_after (result.error), ==, 0);
  result_clear (&result);

  assert_finalized (client);
  test_server_free (server);
}

static void
test_bad_responses (void)
{
  static const struct {
    const char *content_type;
    const char *body;
  } cases[] = {
    { "application/json", "this is not JSON" },
    { "text/html", "<html><body>Welcome to nginx!</body></html>" },
    { "application/json", "{\"items\": [" },
    { "application/json", "" },
    { NULL, NULL },
    { "application/json", "null" },
    { "application/json", "{\"items\": 5}" },
  };
  TestServer *server = test_server_new ();
  PbClient *client = client_for (server);

  server->behaviour = BEHAVIOUR_STATUS;
  server->status = 200;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Result result = { 0 };

      g_test_message ("bad response %u", i);
      g_free (server->content_type);
      server->content_type = g_strdup (cases[i].content_type);
      g_free (server->body);
      server->body = g_strdup (cases[i].body);

      list_sync (client, &result, NULL);
      g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
      g_assert_cmpuint (pb_client_error_get_status (result.error), ==, 200);
      g_assert_null (pb_client_error_get_server_message (result.error));
      assert_clean_message (result.error);
      result_clear (&result);

      get_sync (client, "x", &result);
      g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
      result_clear (&result);
    }

  assert_finalized (client);
  test_server_free (server);
}

/* }}} */
/* {{{ Transport */

static void
test_truncated (void)
{
  TestServer *server = test_server_new ();
  PbClient *client = client_for (server);
  Result result = { 0 };

  server->behaviour = BEHAVIOUR_TRUNCATED;
  list_sync (client, &result, NULL);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
  assert_clean_message (result.error);
  result_clear (&result);

  assert_finalized (client);
  test_server_free (server);
}

static void
test_connection_closed (void)
{
  TestServer *server = test_server_new ();
  PbClient *client = client_for (server);
  Result result = { 0 };

  server->behaviour = BEHAVIOUR_CLOSE;
  get_sync (client, "x", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NETWORK);
  g_assert_cmpuint (pb_client_error_get_status (result.error), ==, 0);
  assert_clean_message (result.error);
  result_clear (&result);

  assert_finalized (client);
  test_server_free (server);
}

static void
test_connection_refused (void)
{
  g_autoptr(SoupServer) soup_server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  PbClient *client;
  Result result = { 0 };
  GSList *uris;

  /* A port that was free a moment ago and is closed again. */
  soup_server_listen_local (soup_server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (soup_server);
  base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  soup_server_disconnect (soup_server);

  client = pb_client_new (base);
  pb_client_set_access_token (client, TOKEN);
  list_sync (client, &result, NULL);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NETWORK);
  g_assert_cmpuint (pb_client_error_get_status (result.error), ==, 0);
  assert_clean_message (result.error);
  result_clear (&result);

  assert_finalized (client);
}

static void
test_timeout_headers (void)
{
  TestServer *server = test_server_new ();
  PbClient *client = client_for (server);
  Result result = { 0 };

  g_assert_cmpuint (pb_client_get_timeout (client), ==, 30);
  pb_client_set_timeout (client, 1);
  g_assert_cmpuint (pb_client_get_timeout (client), ==, 1);

  server->behaviour = BEHAVIOUR_STALL_HEADERS;
  list_sync (client, &result, NULL);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_TIMEOUT);
  assert_clean_message (result.error);
  result_clear (&result);

  assert_finalized (client);
  test_server_free (server);
}

static void
test_timeout_body (void)
{
  TestServer *server = test_server_new ();
  PbClient *client = client_for (server);
  Result result = { 0 };

  pb_client_set_timeout (client, 1);
  server->behaviour = BEHAVIOUR_STALL_BODY;
  get_sync (client, "x", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_TIMEOUT);
  assert_clean_message (result.error);
  result_clear (&result);

  assert_finalized (client);
  test_server_free (server);
}

static void
test_too_large_announced (void)
{
  TestServer *server = test_server_new ();
  PbClient *client = client_for (server);
  Result result = { 0 };

  server->behaviour = BEHAVIOUR_HUGE_LENGTH;
  list_sync (client, &result, NULL);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
  g_assert_cmpuint (pb_client_error_get_status (result.error), ==, 200);
  assert_clean_message (result.error);

  /* The client hung up instead of reading: the server could not send it all. */
  wait_for (&server->stream_finished);
  g_assert_cmpuint (server->written, <, PB_CLIENT_MAX_RESPONSE_SIZE);
  result_clear (&result);

  assert_finalized (client);
  test_server_free (server);
}

static void
test_too_large_streamed (void)
{
  TestServer *server = test_server_new ();
  PbClient *client = client_for (server);
  Result result = { 0 };

  /* No length announced: the client counts while reading. */
  server->behaviour = BEHAVIOUR_HUGE_CHUNKED;
  get_sync (client, "x", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
  assert_clean_message (result.error);

  wait_for (&server->stream_finished);
  g_assert_cmpuint (server->written, >=, PB_CLIENT_MAX_RESPONSE_SIZE);
  g_assert_cmpuint (server->written, <, 2 * (guint64) PB_CLIENT_MAX_RESPONSE_SIZE);
  result_clear (&result);

  assert_finalized (client);
  test_server_free (server);
}

/* }}} */
/* {{{ Redirects */

static void
test_redirect_same_origin (void)
{
  TestServer *server = test_server_new ();
  PbClient *client = client_for (server);
  Result result = { 0 };

  server->redirect_from = g_strdup ("/v2/connections/old-ref");
  server->location = g_strdup ("/moved/v2/connections/new-ref");
  get_sync (client, "old-ref", &result);
  g_assert_no_error (result.error);
  g_assert_cmpstr (pb_connection_get_ref (result.connection), ==, "new-ref");
  g_assert_cmpuint (server->requests->len, ==, 2);
  g_assert_cmpstr (server_request (server, 1)->path, ==, "/moved/v2/connections/new-ref");
  g_assert_cmpstr (server_request (server, 1)->authorization, ==, "Bearer " TOKEN);
  result_clear (&result);

  /* An absolute Location on the same origin, for a list. */
  g_free (server->redirect_from);
  server->redirect_from = g_strdup ("/v2/connections");
  g_free (server->location);
  server->location = g_strdup_printf ("%s/elsewhere/v2/connections?limit=100&offset=0",
                                      server->base_url);
  server->redirect_status = SOUP_STATUS_FOUND;
  server->n_items = 5;
  g_ptr_array_set_size (server->requests, 0);
  list_sync (client, &result, NULL);
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.list->len, ==, 5);
  g_assert_cmpstr (server_request (server, 1)->path, ==, "/elsewhere/v2/connections");
  g_assert_cmpstr (server_request (server, 1)->authorization, ==, "Bearer " TOKEN);
  result_clear (&result);

  assert_finalized (client);
  test_server_free (server);
}

static void
test_redirect_other_origin (void)
{
  TestServer *server = test_server_new ();
  TestServer *other = test_server_new ();
  PbClient *client = client_for (server);
  Result result = { 0 };

  /* Another port is another origin. */
  server->redirect_from = g_strdup ("/v2/connections/abc");
  server->location = g_strdup_printf ("%s/v2/connections/abc", other->base_url);
  get_sync (client, "abc", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NETWORK);
  g_assert_nonnull (strstr (result.error->message, "another address"));
  g_assert_cmpuint (pb_client_error_get_status (result.error), ==, 307);
  assert_clean_message (result.error);
  result_clear (&result);

  /* Another scheme too (same host and port). */
  g_free (server->location);
  server->location = g_strdup_printf ("https://127.0.0.1:%u/v2/connections/abc", server->port);
  get_sync (client, "abc", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NETWORK);
  result_clear (&result);

  /* A scheme-relative Location to another host:port. */
  g_free (server->location);
  server->location = g_strdup_printf ("//localhost:%u/v2/connections/abc", other->port);
  get_sync (client, "abc", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NETWORK);
  result_clear (&result);

  spin (100);
  g_assert_cmpuint (other->requests->len, ==, 0);
  g_assert_cmpuint (server->requests->len, ==, 3);

  /* A Location that is no address at all. */
  g_free (server->location);
  server->location = g_strdup ("http://[not-an-address/x");
  get_sync (client, "abc", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
  assert_clean_message (result.error);
  result_clear (&result);

  assert_finalized (client);
  test_server_free (other);
  test_server_free (server);
}

static void
test_redirect_loop (void)
{
  TestServer *server = test_server_new ();
  PbClient *client = client_for (server);
  Result result = { 0 };

  server->redirect_from = g_strdup ("/v2/connections/loop");
  server->location = g_strdup ("/v2/connections/loop");
  get_sync (client, "loop", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
  assert_clean_message (result.error);
  /* The first request and five redirects. */
  g_assert_cmpuint (server->requests->len, ==, 6);
  result_clear (&result);

  assert_finalized (client);
  test_server_free (server);
}

/* }}} */
/* {{{ Token source */

#define TEST_TYPE_TOKEN_SOURCE (test_token_source_get_type ())
G_DECLARE_FINAL_TYPE (TestTokenSource, test_token_source, TEST, TOKEN_SOURCE, GObject)

struct _TestTokenSource
{
  GObject   parent_instance;
  char     *token;
  char     *renewed_token;  /* NULL: renewing fails */
  guint     n_get;
  guint     n_renew;
};

static void test_token_source_iface_init (PbTokenSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestTokenSource, test_token_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PB_TYPE_TOKEN_SOURCE,
                                                      test_token_source_iface_init))

static void
test_token_source_get_token_async (PbTokenSource       *source,
                                   gboolean             renew,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  TestTokenSource *self = TEST_TOKEN_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  if (!renew)
    {
      self->n_get++;
      g_task_return_pointer (task, g_strdup (self->token), g_free);
    }
  else
    {
      self->n_renew++;
      if (self->renewed_token != NULL)
        g_task_return_pointer (task, g_strdup (self->renewed_token), g_free);
      else
        g_task_return_new_error (task, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED,
                                 "A pasted token cannot be renewed.");
    }
}

static char *
test_token_source_get_token_finish (PbTokenSource  *source,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_token_source_iface_init (PbTokenSourceInterface *iface)
{
  iface->get_token_async = test_token_source_get_token_async;
  iface->get_token_finish = test_token_source_get_token_finish;
}

static void
test_token_source_finalize (GObject *object)
{
  TestTokenSource *self = TEST_TOKEN_SOURCE (object);

  g_free (self->token);
  g_free (self->renewed_token);
  G_OBJECT_CLASS (test_token_source_parent_class)->finalize (object);
}

static void
test_token_source_class_init (TestTokenSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_token_source_finalize;
}

static void
test_token_source_init (TestTokenSource *self)
{
}

static void
test_token_renewed (void)
{
  TestServer *server = test_server_new ();
  PbClient *client = pb_client_new (server->base_url);
  TestTokenSource *source = g_object_new (TEST_TYPE_TOKEN_SOURCE, NULL);
  Result result = { 0 };

  source->token = g_strdup ("old-token");
  source->renewed_token = g_strdup ("new-token");
  server->accepted_token = g_strdup ("new-token");
  server->n_items = 3;
  pb_client_set_token_source (client, PB_TOKEN_SOURCE (source));

  list_sync (client, &result, NULL);
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.list->len, ==, 3);
  g_assert_cmpuint (source->n_get, ==, 1);
  g_assert_cmpuint (source->n_renew, ==, 1);
  g_assert_cmpuint (server->requests->len, ==, 2);
  g_assert_cmpstr (server_request (server, 0)->authorization, ==, "Bearer old-token");
  g_assert_cmpstr (server_request (server, 1)->authorization, ==, "Bearer new-token");
  g_assert_cmpuint (server_request (server, 1)->offset, ==, 0);
  result_clear (&result);

  assert_finalized (client);
  assert_finalized (source);
  test_server_free (server);
}

static void
test_token_refused_twice (void)
{
  TestServer *server = test_server_new ();
  PbClient *client = pb_client_new (server->base_url);
  TestTokenSource *source = g_object_new (TEST_TYPE_TOKEN_SOURCE, NULL);
  Result result = { 0 };

  source->token = g_strdup ("old-token");
  source->renewed_token = g_strdup ("also-refused");
  server->accepted_token = g_strdup ("the-right-one");
  pb_client_set_token_source (client, PB_TOKEN_SOURCE (source));

  get_sync (client, "x", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (pb_client_error_get_status (result.error), ==, 401);
  g_assert_cmpstr (pb_client_error_get_server_message (result.error), ==,
                   "The access token has expired.");
  g_assert_cmpuint (source->n_get, ==, 1);
  g_assert_cmpuint (source->n_renew, ==, 1);
  g_assert_cmpuint (server->requests->len, ==, 2);
  result_clear (&result);

  /* A source that cannot renew: its error is the answer, no third request. */
  g_clear_pointer (&source->renewed_token, g_free);
  g_ptr_array_set_size (server->requests, 0);
  get_sync (client, "x", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (server->requests->len, ==, 1);
  result_clear (&result);

  /* A fixed token replaces the source and is never renewed. */
  pb_client_set_access_token (client, "fixed-token");
  g_ptr_array_set_size (server->requests, 0);
  get_sync (client, "x", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (server->requests->len, ==, 1);
  g_assert_cmpstr (server_request (server, 0)->authorization, ==, "Bearer fixed-token");
  g_assert_cmpuint (source->n_renew, ==, 2);
  result_clear (&result);

  assert_finalized (client);
  assert_finalized (source);
  test_server_free (server);
}

/* }}} */
/* {{{ TLS */

static void
test_tls_untrusted (void)
{
  TestServer *server = test_server_new_full (TRUE);
  PbClient *client = client_for (server);
  Result result = { 0 };

  server->n_items = 2;
  list_sync (client, &result, NULL);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_TLS);
  g_assert_nonnull (strstr (result.error->message, "self-signed"));
  assert_clean_message (result.error);
  /* Nothing reached the server. */
  g_assert_cmpuint (server->requests->len, ==, 0);
  result_clear (&result);

  assert_finalized (client);
  test_server_free (server);
}

static void
test_tls_trusted (void)
{
  TestServer *server = test_server_new_full (TRUE);
  PbClient *client = client_for (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  Result result = { 0 };

  dir = g_dir_make_tmp ("plugboard-test-client-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "certificate.pem", NULL);
  g_file_set_contents (path, test_certificate_pem, -1, &error);
  g_assert_no_error (error);
  database = g_tls_file_database_new (path, &error);
  g_assert_no_error (error);

  pb_client_set_tls_database (client, database);
  server->n_items = 2;
  list_sync (client, &result, NULL);
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.list->len, ==, 2);
  g_assert_cmpstr (server_request (server, 0)->authorization, ==, "Bearer " TOKEN);
  result_clear (&result);

  /* Back to the system's database: not trusted any more (on a new connection). */
  g_object_run_dispose (G_OBJECT (client));
  assert_finalized (client);
  client = client_for (server);
  pb_client_set_tls_database (client, NULL);
  list_sync (client, &result, NULL);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_TLS);
  result_clear (&result);

  assert_finalized (client);
  test_server_free (server);
  g_unlink (path);
  g_rmdir (dir);
}

/* }}} */
/* {{{ Demo server */

static void
test_demo_server (void)
{
  g_autoptr(PbDemoServer) demo = pb_demo_server_new ();
  g_autoptr(GError) error = NULL;
  PbClient *client;
  Result result = { 0 };
  g_autofree char *ref = NULL;

  g_assert_true (pb_demo_server_start (demo, 0, &error));
  g_assert_no_error (error);

  client = pb_client_new (pb_demo_server_get_base_url (demo));
  pb_client_set_access_token (client, pb_demo_server_get_token (demo));

  list_sync (client, &result, NULL);
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.list->len, ==, pb_demo_server_get_n_connections (demo));
  g_assert_cmpuint (result.list->len, >, 0);
  ref = g_strdup (pb_connection_get_ref (g_ptr_array_index (result.list, 0)));
  result_clear (&result);

  get_sync (client, ref, &result);
  g_assert_no_error (result.error);
  g_assert_cmpstr (pb_connection_get_ref (result.connection), ==, ref);
  result_clear (&result);

  get_sync (client, "00000000-0000-0000-0000-000000000000", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NOT_FOUND);
  g_assert_cmpuint (pb_client_error_get_status (result.error), ==, 404);
  g_assert_nonnull (pb_client_error_get_server_message (result.error));
  g_assert_nonnull (strstr (result.error->message,
                            pb_client_error_get_server_message (result.error)));
  result_clear (&result);

  pb_client_set_access_token (client, "not-the-demo-token");
  list_sync (client, &result, NULL);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (pb_client_error_get_status (result.error), ==, 401);
  assert_clean_message (result.error);
  result_clear (&result);

  assert_finalized (client);
  pb_demo_server_stop (demo);
}

static void
test_demo_server_many (void)
{
  g_autoptr(PbDemoServer) demo = pb_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) refs = g_hash_table_new (g_str_hash, g_str_equal);
  PbClient *client;
  Result result = { 0 };

  pb_demo_server_generate (demo, 1234, 7);
  g_assert_true (pb_demo_server_start (demo, 0, &error));
  g_assert_no_error (error);

  client = pb_client_new (pb_demo_server_get_base_url (demo));
  pb_client_set_access_token (client, pb_demo_server_get_token (demo));
  list_sync (client, &result, NULL);
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.list->len, ==, 1234);
  for (guint i = 0; i < result.list->len; i++)
    g_hash_table_add (refs, (char *) pb_connection_get_ref (g_ptr_array_index (result.list, i)));
  g_assert_cmpuint (g_hash_table_size (refs), ==, 1234);
  g_assert_cmpuint (result.pages->len, ==, 13);
  result_clear (&result);

  /* Pages the client asked for ahead of the end may still be on their way to the server:
   * let them arrive, so that the failure below meets the next list and not one of them. */
  for (guint before = G_MAXUINT; before != pb_demo_server_get_n_requests (demo); )
    {
      gint64 until = g_get_monotonic_time () + 100 * 1000;

      before = pb_demo_server_get_n_requests (demo);
      while (g_get_monotonic_time () < until)
        {
          g_usleep (1000);
          while (g_main_context_iteration (NULL, FALSE))
            ;
        }
    }

  /* A server error on the way through a list. */
  pb_demo_server_fail_next (demo, 503, NULL, 1);
  list_sync (client, &result, NULL);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_SERVER);
  g_assert_cmpuint (pb_client_error_get_status (result.error), ==, 503);
  result_clear (&result);

  assert_finalized (client);
  pb_demo_server_stop (demo);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client/error-body/parse", test_parse_error_message);
  g_test_add_func ("/client/error-body/long", test_parse_error_message_long);
  g_test_add_func ("/client/error-body/strict", test_parse_error_message_strict);
  g_test_add_func ("/client/error-body/random", test_parse_error_message_random);
  g_test_add_func ("/client/error-body/deep", test_parse_error_message_deep);
  g_test_add_func ("/client/list/pages", test_list_pages);
  g_test_add_func ("/client/list/exact-pages", test_list_exact_pages);
  g_test_add_func ("/client/list/ignores-paging", test_list_ignores_paging);
  g_test_add_func ("/client/list/repeating-page", test_list_repeating_page);
  g_test_add_func ("/client/list/duplicates", test_list_duplicates);
  g_test_add_func ("/client/list/endless", test_list_endless);
  g_test_add_func ("/client/list/without-page-func", test_list_without_page_func);
  g_test_add_func ("/client/list/concurrency", test_list_concurrency);
  g_test_add_func ("/client/list/cancel", test_list_cancel);
  g_test_add_func ("/client/list/cancel-in-page-func", test_list_cancel_in_page_func);
  g_test_add_func ("/client/list/dispose", test_list_dispose);
  g_test_add_func ("/client/list/bad-page", test_list_bad_page);
  g_test_add_func ("/client/base-url", test_base_url);
  g_test_add_func ("/client/base-url-invalid", test_base_url_invalid);
  g_test_add_func ("/client/headers", test_headers);
  g_test_add_func ("/client/get", test_get_connection);
  g_test_add_func ("/client/get-cancel", test_get_cancel);
  g_test_add_func ("/client/test-connection", test_test_connection);
  g_test_add_func ("/client/errors/status", test_status_errors);
  g_test_add_func ("/client/errors/retry-after-date", test_retry_after_date);
  g_test_add_func ("/client/errors/bad-response", test_bad_responses);
  g_test_add_func ("/client/transport/truncated", test_truncated);
  g_test_add_func ("/client/transport/closed", test_connection_closed);
  g_test_add_func ("/client/transport/refused", test_connection_refused);
  g_test_add_func ("/client/transport/timeout-headers", test_timeout_headers);
  g_test_add_func ("/client/transport/timeout-body", test_timeout_body);
  g_test_add_func ("/client/transport/too-large-announced", test_too_large_announced);
  g_test_add_func ("/client/transport/too-large-streamed", test_too_large_streamed);
  g_test_add_func ("/client/redirect/same-origin", test_redirect_same_origin);
  g_test_add_func ("/client/redirect/other-origin", test_redirect_other_origin);
  g_test_add_func ("/client/redirect/loop", test_redirect_loop);
  g_test_add_func ("/client/token/renewed", test_token_renewed);
  g_test_add_func ("/client/token/refused-twice", test_token_refused_twice);
  g_test_add_func ("/client/tls/untrusted", test_tls_untrusted);
  g_test_add_func ("/client/tls/trusted", test_tls_trusted);
  g_test_add_func ("/client/demo-server/basics", test_demo_server);
  g_test_add_func ("/client/demo-server/many", test_demo_server_many);

  return g_test_run ();
}
